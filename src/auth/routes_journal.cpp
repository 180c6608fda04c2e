// The audit trail within the viewer's scope (page and API).
#include <ctemplate/template.h>

#include <map>
#include <nlohmann/json.hpp>

#include "auth/accounts.hpp"
#include "auth/routes.hpp"
#include "common/date.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "common/text.hpp"
#include "http/templates.hpp"
#include "store/audit_log.hpp"

namespace carepilot::auth {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

constexpr int kPageSize = 50;

long long before_seq(const Request& req, const char* key) {
  try {
    if (auto v = req.q(key); !v.empty()) return std::stoll(v);
  } catch (const std::exception&) {
  }
  return 0;
}

std::vector<store::AuditEntry> entries(Context& ctx, const store::AuditQuery& q) {
  auto s = ctx.store.db().lease();
  return store::list_audit(*s, q);
}

std::string short_digest(const std::string& d) {
  return d.empty() ? "—" : d.substr(0, 12);
}

// The journal page's filters, read from the query string. They narrow the caller's scope and
// never widen it: an establishment is looked up within the scope only.
struct JournalFilters {
  std::string user, finess, entity, from, to;
  std::vector<std::string> errors;  // French, one per filter that cannot be read
  bool unknown_establishment = false;

  store::AuditQuery query(Context& ctx, const Request& req) {
    store::AuditQuery q{req.caller.scope, before_seq(req, "avant"), kPageSize};
    user = trim(req.q("utilisateur"));
    finess = trim(req.q("etablissement"));
    entity = req.q("objet");
    from = req.q("du");
    to = req.q("au");
    q.actor = normalize_email(user);
    if (!finess.empty()) {
      auto e = ctx.registry.find(req.caller.scope, finess);
      if (e)
        q.establishment_id = e->id;
      else {
        unknown_establishment = true;
        q.establishment_id = -1;  // no entry
      }
    }
    bool known = entity.empty();
    for (const auto& [code, label] : audit_entities()) known = known || code == entity;
    if (!known) {
      errors.push_back("Objet : ce type d'objet n'existe pas.");
      entity.clear();
    }
    q.entity = entity;
    if (!from.empty()) {
      if (auto d = parse_date(from))
        q.from_utc = iso_utc(*paris_day_start(format_date(*d)));
      else
        errors.push_back("Du : la date doit être une date valide (jj/mm/aaaa).");
    }
    if (!to.empty()) {
      // Up to midnight, Paris time, after the day `to`: the whole last day is included.
      if (auto d = parse_date(to))
        q.to_utc = iso_utc(*paris_day_start(format_date(add_days(*d, 1))));
      else
        errors.push_back("Au : la date doit être une date valide (jj/mm/aaaa).");
    }
    return q;
  }

  std::string link_suffix() const {
    std::string out;
    auto add = [&](const char* k, const std::string& v) {
      if (!v.empty()) out += std::string("&") + k + "=" + http::url_encode(v);
    };
    add("utilisateur", user);
    add("etablissement", finess);
    add("objet", entity);
    add("du", from);
    add("au", to);
    return out;
  }
};

}  // namespace

void add_journal_routes(http::RouteTable& routes, Context& ctx) {
  routes.get(
      "/journal", RouteKind::page,
      [&ctx](Request& req) {
        JournalFilters filters;
        auto list = entries(ctx, filters.query(ctx, req));
        TemplateDictionary d("journal");
        d.SetValue("F_USER", filters.user);
        d.SetValue("F_FINESS", filters.finess);
        d.SetValue("F_FROM", filters.from);
        d.SetValue("F_TO", filters.to);
        for (const auto& [code, label] : audit_entities()) {
          auto* o = d.AddSectionDictionary("OBJECT");
          o->SetValue("CODE", std::string(code));
          o->SetValue("LABEL", std::string(label));
          if (code == filters.entity) o->ShowSection("SELECTED");
        }
        for (const auto& e : filters.errors)
          d.AddSectionDictionary("FILTER_ERROR")->SetValue("MESSAGE", e);
        if (filters.unknown_establishment) d.ShowSection("UNKNOWN_ESTABLISHMENT");
        for (const auto& e : list) {
          auto* row = d.AddSectionDictionary("ENTRY");
          row->SetIntValue("SEQ", e.seq);
          row->SetValue("AT", paris_datetime(e.at));
          row->SetValue("ACTOR", actor_label(e.actor));
          row->SetValue("REMOTE", e.remote.empty() ? "—" : e.remote);
          row->SetValue("ACTION", audit_action_label(e.action));
          row->SetValue("OBJECT", audit_entity_label(e.entity));
          // Entries written before dates were French keep their ISO dates: shown in French.
          row->SetValue("SUMMARY", french_dates_in(e.summary));
          row->SetValue("BEFORE", short_digest(e.before_digest));
          row->SetValue("AFTER", short_digest(e.after_digest));
        }
        if (list.empty()) d.ShowSection("EMPTY");
        if (static_cast<int>(list.size()) == kPageSize) {
          d.ShowSection("MORE");
          d.SetIntValue("NEXT", list.back().seq);
          d.SetValue("FILTERS", filters.link_suffix());
        }
        http::PageMeta meta{"Journal", "journal", {{"Accueil", "/"}, {"Journal", ""}}, {}, {}};
        return Response::html(http::render_page("journal.tpl", d, meta));
      },
      false, Access::view_audit);

  routes.get(
      "/api/v1/audit", RouteKind::api,
      [&ctx](Request& req) {
        json items = json::array();
        for (const auto& e : entries(ctx, {req.caller.scope, before_seq(req, "before"), kPageSize}))
          items.push_back({{"seq", e.seq},
                           {"at", e.at},
                           {"actor", e.actor},
                           {"remote", e.remote},
                           {"action", e.action},
                           {"entity", e.entity},
                           {"entity_key", e.entity_key},
                           {"summary", e.summary},
                           {"before_digest", e.before_digest},
                           {"after_digest", e.after_digest},
                           {"hash", e.hash}});
        return Response::json(json{{"items", items}}.dump());
      },
      false, Access::view_audit);
}

}  // namespace carepilot::auth
