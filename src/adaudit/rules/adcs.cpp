#include "adaudit/rules/adcs.hpp"

#include <algorithm>
#include <map>

#include "adaudit/context.hpp"
#include "adaudit/paths/control_paths.hpp"
#include "adaudit/sid.hpp"

namespace carepilot::adaudit {

namespace {

bool has(const std::optional<std::vector<std::string>>& v, std::string_view x) {
  return v && std::find(v->begin(), v->end(), x) != v->end();
}

// Rights that let a principal enroll.
bool enroll_right(Right r) {
  return r == Right::Enroll || r == Right::AllExtendedRights || r == Right::GenericAll;
}
// Rights that let a principal rewrite a template (and grant itself enrollment).
bool template_control(Right r) {
  return r == Right::GenericAll || r == Right::GenericWrite || r == Right::WriteDacl ||
         r == Right::WriteOwner || r == Right::Owns;
}

class Analyser {
 public:
  explicit Analyser(const Context& c) : c_(c), n_(c.dir.size()) {
    for (const auto& d : c.dir.domains)
      if (d.object != kNone && c.dir.at(d.object).defined) domains_.push_back(d.object);
  }

  AdcsAnalysis run() {
    AdcsAnalysis a;
    const auto& dir = c_.dir;
    for (const auto& ca : dir.cas) {
      if (!ca.templates) continue;
      const auto ca_enroll = holders_mask(ca.object, enroll_right);
      const bool trusted = ntauth_trusted(ca);
      const std::string ca_name = name(ca.object);
      for (const auto t : *ca.templates) {
        const CertTemplate* tpl = find_template(t);
        if (!tpl) continue;
        const bool free_issue =
            tpl->manager_approval == false &&
            (tpl->authorized_signatures.value_or(1) == 0 || tpl->schema_version == 1);
        const bool auth = tpl->authentication_enabled == true;
        const bool any_purpose =
            tpl->ekus && (tpl->ekus->empty() || has(tpl->ekus, eku::kAnyPurpose));
        // Whether enrolling on this template could be abused at all: only then are the
        // enrollees computed (most templates are harmless, and Domain Users is large).
        const bool abusable =
            free_issue && ((trusted && auth && tpl->enrollee_supplies_subject == true) ||
                           (trusted && (any_purpose || has(tpl->ekus, eku::kRequestAgent))) ||
                           (trusted && auth && ca.user_specifies_san == true) ||
                           (auth && tpl->no_security_extension == true) ||
                           (tpl->issuance_policies && !tpl->issuance_policies->empty()) ||
                           (tpl->schema_version == 1 && tpl->enrollee_supplies_subject == true));
        // Accounts that can enroll on this template through this CA (both rights, each
        // directly or through any group): the template's holders, expanded, checked
        // against the CA's mask (no object-sized pass per template).
        std::vector<std::uint32_t> can;
        auto consider = [&](std::uint32_t i) {
          if (ca_enroll[i] && account(i) && !c_.is_priv(i)) can.push_back(i);
        };
        bool all = false;
        for (const auto& ace : dir.at(t).aces)
          if (abusable && enroll_right(ace.right) && broad(ace.principal)) all = true;
        if (all) {
          for (std::uint32_t i = 0; i < n_; ++i) consider(i);
        } else if (abusable) {
          for (const auto& ace : dir.at(t).aces)
            if (enroll_right(ace.right))
              for (const auto i : closure(ace.principal)) consider(i);
          std::sort(can.begin(), can.end());
          can.erase(std::unique(can.begin(), can.end()), can.end());
        }
        const std::string via = name(t) + " (" + ca_name + ")";
        if (can.empty() || !free_issue) {
          // Template control is abusable whoever may enroll today.
        } else {
          if (trusted && auth && tpl->enrollee_supplies_subject == true) {
            add(a.esc1, can, via, edge::kEsc1);
          }
          if (trusted && any_purpose) add(a.esc2, can, via, 0);
          if (trusted && (any_purpose || has(tpl->ekus, eku::kRequestAgent)) && agent_target(ca))
            add(a.esc3, can, via, edge::kEsc3);
          if (trusted && auth && ca.user_specifies_san == true) add(a.esc6, can, via, edge::kEsc6);
          if (auth && tpl->no_security_extension == true) add(a.esc9, can, via, 0);
          if (tpl->issuance_policies)
            for (const auto& oid : *tpl->issuance_policies)
              for (const auto& p : dir.issuance_policies)
                if (p.oid == oid && p.group != kNone) {
                  add(a.esc13, can, via, 0);
                  for (const auto u : can) a.edges.push_back({u, p.group, edge::kEsc13});
                }
          if (tpl->schema_version == 1 && tpl->enrollee_supplies_subject == true)
            add(a.esc15, can, via, 0);
        }
        // ESC4: whoever controls a published template can make it ESC1.
        std::vector<std::uint32_t> ctl;
        for (const auto& ace : dir.at(t).aces)
          if (template_control(ace.right) && !c_.is_priv(ace.principal))
            ctl.push_back(ace.principal);
        if (!ctl.empty()) {
          add(a.esc4, ctl, via, 0);
          for (const auto d : domains_) a.edges.push_back({t, d, edge::kEsc4});
        }
      }
      // ESC7: CA officers and certificate managers outside Tier 0.
      std::vector<std::uint32_t> officers;
      for (const auto& ace : dir.at(ca.object).aces)
        if ((ace.right == Right::ManageCA || ace.right == Right::ManageCertificates) &&
            !c_.is_priv(ace.principal))
          officers.push_back(ace.principal);
      if (!officers.empty()) add(a.esc7, officers, ca_name, edge::kEsc7);
    }
    // ESC10: weak certificate mapping on domain controllers. A negative value is SharpHound's
    // mark for a registry value that is absent (-1): the default applies, not "every bit set"
    // (issue 14 trial: ESC10 reported on a DC enforcing strong binding, with the UPN bit read
    // from -1).
    for (const auto& r : dir.dc_registry) {
      const bool weak_binding = r.strong_binding && *r.strong_binding == 0;
      const bool upn_mapping =
          r.mapping_methods && *r.mapping_methods >= 0 && (*r.mapping_methods & 0x4);
      if (weak_binding || upn_mapping) a.esc10.push_back(r.computer);
    }
    for (auto* e :
         {&a.esc1, &a.esc2, &a.esc3, &a.esc4, &a.esc6, &a.esc7, &a.esc9, &a.esc13, &a.esc15}) {
      std::sort(e->principals.begin(), e->principals.end());
      e->principals.erase(std::unique(e->principals.begin(), e->principals.end()),
                          e->principals.end());
    }
    return a;
  }

 private:
  void add(EscResult& r, const std::vector<std::uint32_t>& who, const std::string& via,
           std::uint8_t kind) {
    r.principals.insert(r.principals.end(), who.begin(), who.end());
    if (std::find(r.via.begin(), r.via.end(), via) == r.via.end()) r.via.push_back(via);
    if (kind == 0) return;
    // One edge per principal and kind, however many templates give it.
    auto& seen = edged_[kind];
    if (seen.empty()) seen.assign(n_, 0);
    for (const auto u : who) {
      if (seen[u]) continue;
      seen[u] = 1;
      for (const auto d : domains_) edges_->push_back({u, d, kind});
    }
  }

  bool account(std::uint32_t i) const {
    const Object& o = c_.dir.at(i);
    return o.defined && !o.has(flag::kWellKnown) && !o.has(flag::kDeleted) &&
           ((o.type == ObjectType::User && o.enabled()) ||
            (o.type == ObjectType::Computer && o.enabled()) || o.type == ObjectType::Group);
  }

  std::string name(std::uint32_t i) const {
    const auto& o = c_.dir.at(i);
    return o.name.empty() ? o.id : o.name;
  }

  const CertTemplate* find_template(std::uint32_t i) const {
    for (const auto& t : c_.dir.templates)
      if (t.object == i) return &t;
    return nullptr;
  }

  // The CA's certificate is in the NTAuth store (unknown store: assumed trusted, the rules
  // needing it declare the ntauthstores part).
  bool ntauth_trusted(const CertAuthority& ca) const {
    if (!c_.dir.ntauth_known) return true;
    return std::find(c_.dir.ntauth_thumbprints.begin(), c_.dir.ntauth_thumbprints.end(),
                     ca.thumbprint) != c_.dir.ntauth_thumbprints.end();
  }

  // ESC3's second step: a template of the CA that issues authentication certificates on
  // behalf of others to an enrollment agent (schema 1, or one authorised signature with the
  // request-agent application policy).
  bool agent_target(const CertAuthority& ca) const {
    for (const auto t : *ca.templates) {
      const CertTemplate* tpl = find_template(t);
      if (!tpl || tpl->authentication_enabled != true || tpl->manager_approval != false) continue;
      if (tpl->schema_version == 1) return true;
      if (tpl->authorized_signatures == 1 && has(tpl->application_policies, eku::kRequestAgent))
        return true;
    }
    return false;
  }

  // Everyone and Authenticated Users include every account.
  bool broad(std::uint32_t p) const {
    const auto sid = sid_part(c_.dir.at(p).id);
    return sid == kEveryone || sid == kAuthenticatedUsers;
  }

  // The principal and its transitive members, computed once per principal.
  const std::vector<std::uint32_t>& closure(std::uint32_t p) {
    const auto it = closures_.find(p);
    if (it != closures_.end()) return it->second;
    auto v = c_.members_of(p);
    v.push_back(p);
    return closures_.emplace(p, std::move(v)).first->second;
  }

  // Marks every principal that holds a matching right on `object`, directly or through its
  // transitive groups.
  std::vector<std::uint8_t> holders_mask(std::uint32_t object, bool (*match)(Right)) {
    std::vector<std::uint8_t> m(n_, 0);
    for (const auto& ace : c_.dir.at(object).aces) {
      if (!match(ace.right)) continue;
      if (broad(ace.principal)) {
        std::fill(m.begin(), m.end(), 1);
        return m;
      }
      for (const auto x : closure(ace.principal)) m[x] = 1;
    }
    return m;
  }

  const Context& c_;
  std::uint32_t n_;
  std::map<std::uint8_t, std::vector<std::uint8_t>> edged_;
  std::map<std::uint32_t, std::vector<std::uint32_t>> closures_;
  std::vector<std::uint32_t> domains_;

 public:
  std::vector<ExtraEdge>* edges_ = nullptr;
};

}  // namespace

AdcsAnalysis analyse_adcs(const Context& c) {
  Analyser an(c);
  AdcsAnalysis scratch;
  an.edges_ = &scratch.edges;
  AdcsAnalysis a = an.run();
  a.edges.insert(a.edges.end(), scratch.edges.begin(), scratch.edges.end());
  return a;
}

}  // namespace carepilot::adaudit
