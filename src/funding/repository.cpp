#include "funding/repository.hpp"

#include <algorithm>
#include <set>

#include "common/attachment.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "evidence/calendar.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/people.hpp"
#include "store/rows.hpp"
#include "store/transaction.hpp"

namespace carepilot::funding {

using nlohmann::json;
using soci::into;
using soci::use;

namespace repository_detail {

// Amounts go past 2^31-1 cents (an envelope of 45 M€): store::row_int reads them whole on
// both databases (store/sqlite_backend.hpp).
constexpr const char* kSelect =
    "SELECT id, call_id, candidate_kind, candidate_key, ght_id, establishment_id, region_code, "
    "state, amount_requested_cents, amount_granted_cents, amount_paid_cents, paid_on, "
    "establishments, contacts, prerequisites, exception_until, exception_reason, created_at, "
    "created_by, updated_at FROM funding_candidatures";

std::string text_or(const soci::row& r, std::size_t i) {
  return r.get_indicator(i) == soci::i_null ? std::string{} : r.get<std::string>(i);
}
std::optional<std::int64_t> opt_int(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return store::row_int(r, i);
}
json parse_or(const std::string& t, json fallback) {
  auto j = json::parse(t, nullptr, false);
  return j.is_discarded() ? fallback : j;
}

Candidature from_row(const soci::row& r) {
  Candidature k;
  k.id = store::row_int(r, 0);
  k.call_id = r.get<std::string>(1);
  k.candidate_kind = r.get<std::string>(2);
  k.candidate_key = r.get<std::string>(3);
  k.ght_id = opt_int(r, 4);
  k.establishment_id = store::row_int(r, 5);
  k.region_code = r.get<std::string>(6);
  k.state = r.get<std::string>(7);
  k.amount_requested_cents = store::row_int(r, 8);
  k.amount_granted_cents = opt_int(r, 9);
  k.amount_paid_cents = opt_int(r, 10);
  k.paid_on = text_or(r, 11);
  k.establishments = parse_or(r.get<std::string>(12), json::array());
  k.contacts = parse_or(r.get<std::string>(13), json::array());
  k.prerequisites = parse_or(r.get<std::string>(14), json::object());
  k.exception_until = text_or(r, 15);
  k.exception_reason = text_or(r, 16);
  k.created_at = r.get<std::string>(17);
  k.created_by = r.get<std::string>(18);
  k.updated_at = r.get<std::string>(19);
  return k;
}

std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.erase(0, 1);
  return s;
}

std::string euros(std::int64_t cents) {
  std::string s = french_integer(cents / 100);
  if (cents % 100) {
    const auto c = cents % 100;
    s += "," + std::string(c < 10 ? "0" : "") + std::to_string(c);
  }
  return s + "\u00a0€";
}

// What is wrong with an amount typed, in French naming its field, or none: a negative amount
// (« -5 000 ») or zero says the amount must be positive (issue 18 trial: the generic « un
// montant en euros est attendu »), unless `zero_allowed` (a decision granting nothing); else
// unreadable text says the format expected.
std::optional<std::string> amount_problem(const std::string& typed, const std::string& label,
                                          bool zero_allowed = false) {
  std::string t = trimmed(typed);
  bool negative = false;
  for (const char* minus : {"-", "−"})
    if (t.rfind(minus, 0) == 0) {
      negative = true;
      t = trimmed(t.substr(std::string(minus).size()));
    }
  auto cents = parse_euro_cents(t);
  if (cents && *cents != INT64_MAX && (negative || (*cents == 0 && !zero_allowed)))
    return label + (zero_allowed ? " : le montant ne peut pas être négatif (0 € pour un rejet)."
                                 : " : le montant doit être positif, supérieur à 0 €.");
  if (!cents || *cents == INT64_MAX)
    return label + " : un montant en euros est attendu (par exemple 200 000 €" +
           (zero_allowed ? ", ou 0 € pour un rejet" : "") + ").";
  return std::nullopt;
}

std::int64_t read_amount(const std::string& typed, const char* field, const char* label) {
  if (auto bad = amount_problem(typed, label))
    throw UserError::invalid({{field, "funding.amount_invalid", *bad}});
  return *parse_euro_cents(trimmed(typed));
}

// When an act is recorded: now, for an act of today (in Paris); an act dated another day (the
// demo replaying its history) is recorded on its own day, so that its history, its dossier and
// the API tell one date (issue 18 trial).
std::string act_time(const Date& today) {
  if (format_date(today) == format_date(evidence::paris_today())) return store::now_utc_iso();
  return format_date(today) + "T10:00:00Z";
}

std::string day(const Date& d) {
  return french_date_text(format_date(d));
}

[[noreturn]] void forbid(const std::string& code, const std::string& message) {
  throw UserError(403, code, message);
}

// A state name in French, for messages.
std::string state_words(const std::string& s) {
  static const std::map<std::string, std::string> w{{"filed", "déposée"},
                                                    {"refused", "refusée"},
                                                    {"operational", "en phase opérationnelle"},
                                                    {"declared", "déclarée"},
                                                    {"more_requested", "en attente de compléments"},
                                                    {"verified", "vérifiée par l'ARS"},
                                                    {"decided", "décidée"},
                                                    {"paid", "payée"}};
  auto it = w.find(s);
  return it == w.end() ? s : it->second;
}

void require_state(const Candidature& k, std::initializer_list<const char*> states,
                   const std::string& act) {
  for (auto s : states)
    if (k.state == s) return;
  throw UserError(409, "funding.wrong_state",
                  act + " : la candidature est " + state_words(k.state) + ".");
}

}  // namespace repository_detail

std::optional<std::pair<std::string, Date>> passed_step(const Call& call, const Candidature& k,
                                                        const Date& today) {
  static const std::map<std::string, std::string> next{{"filed", "ars_instruction_end"},
                                                       {"operational", "declaration_close"},
                                                       {"more_requested", "declaration_close"},
                                                       {"declared", "ars_verification_end"},
                                                       {"verified", "national_instruction_end"}};
  auto it = next.find(k.state);
  if (it == next.end()) return std::nullopt;
  auto date = call.date(it->second);
  if (!date || !(*date < today)) return std::nullopt;
  return std::make_pair(it->second, *date);
}

std::optional<FrozenObjective> frozen_objective(const Candidature& k,
                                                const std::string& objective_id) {
  if (k.declarations.empty()) return std::nullopt;
  const Declaration& last = k.declarations.back();
  if (!last.dossier.contains("objectives") || !last.dossier["objectives"].is_array())
    return std::nullopt;
  for (const auto& o : last.dossier["objectives"]) {
    if (o.value("id", std::string()) != objective_id) continue;
    FrozenObjective f{&last, &last, o};
    if (auto from = o.find("kept_from_declaration"); from != o.end() && from->is_number_integer())
      for (const auto& d : k.declarations)
        if (d.id == from->get<std::int64_t>()) f.computed_in = &d;
    return f;
  }
  return std::nullopt;
}

std::vector<Verification> verdict_trail(const Candidature& k, const std::string& objective_id,
                                        const Declaration* upto) {
  std::vector<Verification> out;
  for (const auto& d : k.declarations) {
    for (const auto& v : d.verifications) {
      if (v.objective_id != objective_id) continue;
      const bool seen = std::any_of(out.begin(), out.end(), [&](const Verification& w) {
        return w.outcome == v.outcome && w.comment == v.comment && w.at == v.at && w.by == v.by;
      });
      if (!seen) out.push_back(v);
    }
    if (upto && &d == upto) break;
  }
  return out;
}

std::string late_words(bool late) {
  return late ? " (hors délai, sous dérogation nationale)" : "";
}
std::string late_words(const Declaration& d) {
  return late_words(d.late);
}

std::string shown_state(const Candidature& k) {
  if (k.state == "decided" && k.amount_paid_cents.value_or(0) > 0) return "partly_paid";
  return k.state;
}

std::string state_label(const Candidature& k) {
  if (rejected_nationally(k)) return "Rejetée à l'instruction nationale";
  return std::string(status_label("funding", shown_state(k)));
}

const Declaration& origin_declaration(const Candidature& k, const json& objective,
                                      const Declaration& in) {
  if (!objective.is_object()) return in;
  auto from = objective.find("kept_from_declaration");
  if (from == objective.end() || !from->is_number_integer()) return in;
  for (const auto& d : k.declarations)
    if (d.id == from->get<std::int64_t>()) return d;
  return in;
}

using namespace repository_detail;

Candidature Repository::load(soci::session& sql, std::int64_t id) {
  long long i = id;
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kSelect) + " WHERE id = :i", use(i));
  std::optional<Candidature> k;
  for (const auto& r : rs) k = from_row(r);
  if (!k) throw UserError::not_found("Candidature introuvable.");
  if (k->ght_id) {
    // The GHT's name as the registry holds it today (a renamed GHT reads its new name).
    long long g = *k->ght_id;
    soci::indicator ind = soci::i_null;
    sql << "SELECT name FROM ghts WHERE id = :g", use(g), into(k->ght_name, ind);
    if (ind != soci::i_ok) k->ght_name.clear();
  }
  {
    soci::rowset<soci::row> ev =
        (sql.prepare << "SELECT id, kind, from_state, to_state, text, detail, on_day, at, by_user "
                        "FROM funding_events WHERE candidature_id = :i ORDER BY id",
         use(i));
    for (const auto& r : ev)
      k->events.push_back({store::row_int(r, 0), r.get<std::string>(1), r.get<std::string>(2),
                           r.get<std::string>(3), r.get<std::string>(4),
                           parse_or(r.get<std::string>(5), json::object()), r.get<std::string>(6),
                           r.get<std::string>(7), r.get<std::string>(8)});
  }
  {
    soci::rowset<soci::row> ds =
        (sql.prepare << "SELECT id, dossier, sha256, late, filed_at, filed_by FROM "
                        "funding_declarations WHERE candidature_id = :i ORDER BY id",
         use(i));
    for (const auto& r : ds) {
      Declaration d;
      d.id = store::row_int(r, 0);
      d.dossier = parse_or(r.get<std::string>(1), json::object());
      d.sha256 = r.get<std::string>(2);
      d.late = store::row_int(r, 3) != 0;
      d.filed_at = r.get<std::string>(4);
      d.filed_by = r.get<std::string>(5);
      k->declarations.push_back(std::move(d));
    }
  }
  {
    soci::rowset<soci::row> fs =
        (sql.prepare << "SELECT id, item_id, file_name, content_type, size_bytes, sha256, "
                        "created_at, created_by FROM funding_files WHERE candidature_id = :i "
                        "ORDER BY id",
         use(i));
    for (const auto& r : fs) {
      JoinedFile f;
      f.id = store::row_int(r, 0);
      f.candidature_id = k->id;
      f.item_id = r.get<std::string>(1);
      f.file_name = r.get<std::string>(2);
      f.content_type = r.get<std::string>(3);
      f.size = store::row_int(r, 4);
      f.sha256 = r.get<std::string>(5);
      f.created_at = r.get<std::string>(6);
      f.created_by = r.get<std::string>(7);
      k->files.push_back(std::move(f));
    }
  }
  for (auto& d : k->declarations) {
    long long di = d.id;
    soci::rowset<soci::row> vs =
        (sql.prepare << "SELECT objective_id, outcome, comment, at, by_user FROM "
                        "funding_verifications WHERE declaration_id = :d ORDER BY objective_id",
         use(di));
    for (const auto& r : vs)
      d.verifications.push_back({r.get<std::string>(0), r.get<std::string>(1),
                                 r.get<std::string>(2), r.get<std::string>(3),
                                 r.get<std::string>(4)});
  }
  return *k;
}

std::optional<std::int64_t> Repository::viewer_ght(const Scope& scope) {
  if (scope.level != Scope::Level::establishment) return std::nullopt;
  auto e = registry_.find_by_id(scope, scope.establishment_id);
  if (!e || !e->ght_id) return std::nullopt;
  return *e->ght_id;
}

bool Repository::sees(const Scope& scope, const std::optional<std::int64_t>& own_ght,
                      const Candidature& k) {
  switch (scope.level) {
    case Scope::Level::nation:
      return true;
    case Scope::Level::region:
      return k.region_code == scope.region_code;
    case Scope::Level::ght:
      return k.ght_id && *k.ght_id == scope.ght_id;
    case Scope::Level::establishment:
      if (k.candidate_key == "est:" + std::to_string(scope.establishment_id)) return true;
      return k.ght_id && own_ght && *own_ght == *k.ght_id;
  }
  return false;
}

std::vector<Candidature> Repository::list(const Scope& scope, const std::string& call_id) {
  // The viewer's GHT is read before this function leases its session: the registry leases
  // one of its own, and a pool of one connection (the command line) would wait forever.
  const auto own_ght = viewer_ght(scope);
  auto s = db_.lease();
  std::vector<Candidature> out;
  std::vector<std::int64_t> ids;
  {
    soci::rowset<soci::row> rs =
        (s->prepare << "SELECT id FROM funding_candidatures WHERE (:c = '' OR call_id = :c2) "
                       "ORDER BY id",
         use(call_id), use(call_id));
    for (const auto& r : rs) ids.push_back(store::row_int(r, 0));
  }
  for (auto id : ids) {
    auto k = load(*s, id);
    if (sees(scope, own_ght, k)) out.push_back(std::move(k));
  }
  return out;
}

Candidature Repository::get(const Scope& scope, std::int64_t id) {
  const auto own_ght = viewer_ght(scope);
  auto s = db_.lease();
  auto k = load(*s, id);
  if (!sees(scope, own_ght, k)) throw UserError::not_found("Candidature introuvable.");
  return k;
}

JoinedFile Repository::joined_file(const Scope& scope, std::int64_t id, std::int64_t file_id) {
  const auto k = get(scope, id);  // 404 outside the scope, as the candidature itself
  for (const auto& f : k.files) {
    if (f.id != file_id) continue;
    JoinedFile out = f;
    auto s = db_.lease();
    long long fi = f.id, ki = k.id;
    std::string b64;
    *s << "SELECT content_base64 FROM funding_files WHERE id = :f AND candidature_id = :k", use(fi),
        use(ki), into(b64);
    out.bytes = files::base64_decode(b64);
    return out;
  }
  throw UserError::not_found("Fichier joint introuvable dans cette candidature.");
}

std::string Repository::transition(soci::session& sql, const Caller& c, Candidature& k,
                                   const std::string& kind, const std::string& to_state,
                                   const std::string& text, const json& detail, const Date& today) {
  const std::string now = act_time(today), from = k.state;
  long long id = k.id;
  std::string on = format_date(today), dump = detail.dump(), by = c.actor.user;
  sql << "INSERT INTO funding_events (candidature_id, kind, from_state, to_state, text, detail, "
         "on_day, at, by_user) VALUES (:k, :kind, :f, :t, :x, :d, :o, :a, :b)",
      use(id), use(kind), use(from), use(to_state), use(text), use(dump), use(on), use(now),
      use(by);
  if (to_state != from) {
    sql << "UPDATE funding_candidatures SET state = :s, updated_at = :u WHERE id = :i",
        use(to_state), use(now), use(id);
  } else {
    sql << "UPDATE funding_candidatures SET updated_at = :u WHERE id = :i", use(now), use(id);
  }
  const Call* call = data_.call(k.call_id);
  store::append_audit(
      sql, c.actor,
      {"funding_" + kind, "funding_candidature", std::to_string(k.id), k.establishment_id,
       k.region_code,
       "Candidature " + (call ? call->prefix : k.call_id) + " n° " + std::to_string(k.id) + " : " +
           audit_action_label("funding_" + kind) +
           (to_state != from
                ? " (" +
                      (from.empty() ? std::string()
                                    : std::string(status_label("funding", from)) + " → ") +
                      std::string(status_label("funding", to_state)) + ")"
                : ""),
       json{{"state", from}}.dump(), json{{"state", to_state}, {"detail", detail}}.dump()});
  k.state = to_state;
  return now;
}

namespace repository_detail {

// The caller acts for the candidate: a role that changes establishments' records
// (edit_records) on a scope holding one of the candidature's establishments — an editor of one
// of them, or a national administrator acting for the candidate (recorded under its name).
void require_candidate(const Caller& c, const Candidature& k) {
  if (!role_allows(c.role, Access::edit_records))
    forbid("funding.not_candidate",
           "Seuls les contributeurs d'un établissement candidat agissent pour la candidature.");
  if (c.scope.level == Scope::Level::nation) return;
  if (c.scope.level == Scope::Level::establishment)
    for (const auto& e : k.establishments)
      if (e.value("id", std::int64_t{0}) == c.scope.establishment_id) return;
  throw UserError::not_found("Candidature introuvable.");
}

// The caller acts as the ARS of the candidature's region: a role that changes the registry
// (edit_registry) on that region (a regional manager), or on the nation (a national
// administrator, who may act for any ARS). Another region's ARS: 404, with why.
void require_ars(const Caller& c, const Candidature& k) {
  if (!role_allows(c.role, Access::edit_registry) ||
      (c.scope.level != Scope::Level::region && c.scope.level != Scope::Level::nation))
    forbid("funding.not_ars", "Seule l'ARS de la région de la candidature instruit et vérifie.");
  if (c.scope.level == Scope::Level::region && c.scope.region_code != k.region_code)
    throw UserError::not_found(
        "Candidature introuvable dans votre région : elle relève de l'ARS d'une autre région.");
}

void require_national(const Caller& c) {
  if (!role_allows(c.role, Access::edit_registry) || c.scope.level != Scope::Level::nation)
    forbid("funding.not_national", "Seule l'équipe nationale du programme agit à cette étape.");
}

// A passed deadline of the calendar, unless the candidature's national exception covers today.
void check_deadline(const Call& call, const Candidature& k, const std::string& step,
                    const Date& today, const std::string& code, const std::string& act) {
  auto end = call.date(step);
  if (!end || !(*end < today)) return;
  if (!k.exception_until.empty()) {
    auto until = parse_date(k.exception_until);
    if (until && !(*until < today)) return;
  }
  throw UserError(422, code,
                  act + " : l'échéance du " + day(*end) +
                      " est passée ; une dérogation nationale est nécessaire.");
}

}  // namespace repository_detail

Candidature Repository::file(const Caller& c, const std::string& finess, const CandidatureInput& in,
                             const Date& today) {
  if (!role_allows(c.role, Access::edit_records))
    forbid("funding.not_candidate",
           "Seuls les contributeurs d'un établissement déposent une candidature.");
  const auto est = std::optional<registry::Establishment>(registry_.visible(c.scope, finess));
  const Call* call = data_.call(in.call_id);
  // An unknown call is a refused field, as any other (issue 18 trial: 404), named with every
  // other field that can be judged without a call (issue 18 trial: a body `{}` named only
  // `call`): the contacts and the amount; the prerequisites are the call's own.
  if (!call) {
    std::vector<FieldError> errors{
        {"call", "funding.unknown_call",
         in.call_id.empty()
             ? "Appel : choisissez un appel à financement."
             : "Appel : « " + in.call_id +
                   " » n'est pas un appel à financement (voir /api/v1/funding/calls)."}};
    bool contact = false;
    for (const auto& ct : in.contacts) contact = contact || !trimmed(ct).empty();
    if (!contact)
      errors.push_back(
          {"contacts", "funding.contact_required", "Contacts : nommez au moins un contact."});
    if (auto bad = amount_problem(in.amount_requested, "Montant demandé"))
      errors.push_back({"amount_requested", "funding.amount_invalid", *bad});
    throw UserError::invalid(std::move(errors));
  }

  // Every field is checked and every refusal named at once, in the form's order (call,
  // candidate and establishments, contacts, prerequisites, amount): the first one's code is the
  // answer's. Nothing is stored when any is refused.
  std::vector<FieldError> errors;
  auto refuse = [&errors](std::string field, std::string code, std::string message) {
    errors.push_back({std::move(field), std::move(code), std::move(message)});
  };

  // The window.
  auto open = call->date("candidature_open"), close = call->date("candidature_close");
  if ((open && today < *open) || (close && *close < today))
    refuse("call", "funding.outside_window",
           "Appel : les candidatures au " + call->label + " sont reçues " +
               (open ? "du " + day(*open) : std::string("jusqu'")) +
               (close ? (open ? " au " : "au ") + day(*close)
                      : std::string(" sans date de fin connue")) +
               ".");

  // The candidate and its kind.
  std::string kind, key;
  std::optional<registry::Ght> ght;
  bool candidate_ok = true;
  if (in.as_ght) {
    if (!est->ght_id) {
      refuse("as_ght", "funding.ineligible",
             "Candidat : " + est->name + " n'appartient à aucun GHT.");
      candidate_ok = false;
    } else {
      ght = registry_.ght(Scope::nation(), *est->ght_id);
      kind = "ght";
      key = "ght:" + std::to_string(*est->ght_id);
    }
  } else if (est->ght_id) {
    refuse("as_ght", "funding.ineligible",
           "Candidat : " + est->name +
               " appartient à un GHT ; le GHT dépose une seule candidature pour tous ses "
               "établissements.");
    candidate_ok = false;
  } else {
    kind = data_.kind_of_type(est->type);
    key = "est:" + std::to_string(est->id);
  }
  if (candidate_ok && (kind.empty() || !call->accepts(kind))) {
    std::vector<std::string_view> labels;
    for (const auto& k : call->eligible)
      if (auto ck = data_.kind(k)) labels.push_back(ck->label);
    refuse("as_ght", "funding.ineligible",
           "Candidat : " + est->name + " n'est pas éligible à l'appel (" + french_choices(labels) +
               ").");
  }

  // The establishments covered.
  std::vector<registry::Establishment> covered;
  if (ght) {
    registry::EstablishmentFilter f;
    f.ght_id = ght->id;
    f.per_page = 200;
    std::vector<registry::Establishment> members;
    for (f.page = 1;; ++f.page) {
      auto page = registry_.list(Scope::nation(), f);
      for (auto& e : page.items) members.push_back(std::move(e));
      if (f.page >= page.page_count()) break;
    }
    std::set<std::string> given(in.establishments.begin(), in.establishments.end());
    std::vector<std::string> missing, strangers;
    for (const auto& m : members)
      if (!given.count(m.finess_et)) missing.push_back(m.name + " (" + m.finess_et + ")");
    for (const auto& g : given) {
      bool member = false;
      for (const auto& m : members) member = member || m.finess_et == g;
      if (!member) strangers.push_back(g);
    }
    for (const auto& g : strangers)
      refuse("establishments", "funding.not_member",
             "Établissements : " + g + " n'appartient pas au GHT " + ght->name + ".");
    if (!missing.empty()) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
      refuse("establishments", "funding.ght_incomplete",
             "Établissements : la candidature du GHT couvre tous ses établissements ; il manque " +
                 list + ".");
    }
    covered = std::move(members);
  } else {
    covered.push_back(*est);
  }

  // Contacts.
  json contacts = json::array();
  for (const auto& ct : in.contacts)
    if (!trimmed(ct).empty()) contacts.push_back(trimmed(ct));
  if (contacts.empty())
    refuse("contacts", "funding.contact_required", "Contacts : nommez au moins un contact.");

  // Prerequisites: each with its proof (evidence records of the candidate's establishments, a
  // file of an accepted type, or a justification), each refusal naming its prerequisite.
  std::set<std::int64_t> covered_ids;
  for (const auto& e : covered) covered_ids.insert(e.id);
  for (const auto& [pid, _] : in.prerequisites)
    if (!call->prerequisite(pid))
      refuse("prerequisites", "funding.unknown_item",
             "Prérequis : « " + pid + " » n'est pas un prérequis de l'appel.");
  std::vector<std::int64_t> evidence_asked;
  for (const auto& p : call->prerequisites) {
    auto it = in.prerequisites.find(p.id);
    if (it == in.prerequisites.end() ||
        (it->second.evidence_ids.empty() && it->second.file_bytes.empty() &&
         it->second.file_name.empty() && trimmed(it->second.justification).empty())) {
      // What suffices, and what the form offers (issue 18 trial: « joignez une preuve » beside
      // a form without a file field): a written justification naming the piece expected.
      std::string pieces;
      for (const auto& piece : p.pieces) pieces += (pieces.empty() ? "" : ", ") + piece;
      refuse("prerequisites." + p.id, "funding.proof_required",
             "Prérequis " + p.id + " (" + p.label + ") : écrivez la justification" +
                 (pieces.empty() ? std::string() : " (pièce attendue : " + pieces + ")") + ".");
      continue;
    }
    const auto& proof = it->second;
    if (!proof.file_bytes.empty() || !proof.file_name.empty()) {
      try {
        files::check_attachment(proof.file_name, proof.file_bytes,
                                {"prerequisites." + p.id, "funding", "Prérequis " + p.id});
      } catch (const UserError& e) {
        for (const auto& f : e.fields()) errors.push_back(f);
        if (e.fields().empty()) refuse("prerequisites." + p.id, e.code(), e.what());
      }
    }
  }

  // Amount and ceiling.
  std::int64_t amount = 0;
  if (auto bad = amount_problem(in.amount_requested, "Montant demandé"))
    refuse("amount_requested", "funding.amount_invalid", *bad);
  else if (auto cents = parse_euro_cents(in.amount_requested); !cents)
    refuse("amount_requested", "funding.amount_invalid", "Montant demandé : illisible.");
  else if (call->ceiling_cents && *cents > *call->ceiling_cents)
    refuse("amount_requested", "funding.amount_over_ceiling",
           "Montant demandé : " + euros(*cents) + " dépasse le plafond de " +
               euros(*call->ceiling_cents) + " de l'appel.");
  else if (!call->ceiling_cents && call->envelope_cents && *cents > *call->envelope_cents)
    // No ceiling per candidature: the call's envelope still bounds a request (issue 18 trial).
    refuse("amount_requested", "funding.amount_over_envelope",
           "Montant demandé : " + euros(*cents) + " dépasse l'enveloppe de " +
               euros(*call->envelope_cents) +
               " de l'appel (l'appel ne fixe pas de plafond par "
               "candidature).");
  else if (!call->ceiling_cents && !call->envelope_cents &&
           *cents > data_.plausibility_ceiling_cents)
    // Neither a ceiling nor an envelope (HospiConnect): the plausibility ceiling of the data
    // (issue 18 trial: 999 999 999 999 999 € accepted).
    refuse("amount_requested", "funding.amount_implausible",
           "Montant demandé : " + euros(*cents) + " dépasse le plafond de vraisemblance de " +
               euros(data_.plausibility_ceiling_cents) +
               " (l'appel ne publie ni plafond ni enveloppe) : vérifiez le montant saisi.");
  else
    amount = *cents;

  auto s = db_.lease();
  // The prerequisites' evidence records: current ones of the candidate's establishments.
  for (const auto& p : call->prerequisites) {
    auto it = in.prerequisites.find(p.id);
    if (it == in.prerequisites.end()) continue;
    for (auto eid : it->second.evidence_ids) {
      long long ev = eid, owner = 0;
      soci::indicator ind = soci::i_null;
      *s << "SELECT establishment_id FROM evidence WHERE id = :i AND withdrawn_at IS NULL", use(ev),
          into(owner, ind);
      if (ind != soci::i_ok || !covered_ids.count(owner))
        refuse("prerequisites." + p.id, "funding.evidence_unknown",
               "Prérequis " + p.id + " : la preuve n° " + std::to_string(eid) +
                   " n'est pas une preuve des établissements candidats.");
    }
  }
  if (!errors.empty()) throw UserError::invalid(std::move(errors));

  store::Transaction tr(*s);
  store::lock_establishment(*s, est->id);
  {
    int n = 0;
    *s << "SELECT COUNT(*) FROM funding_candidatures WHERE call_id = :c AND candidate_key = :k",
        use(in.call_id), use(key), into(n);
    if (n > 0)
      throw UserError(409, "funding.already_filed",
                      "Une candidature de " + (ght ? "ce GHT" : std::string("cet établissement")) +
                          " à cet appel existe déjà : une seule par candidat.");
  }
  const std::string now = act_time(today);
  json ests = json::array();
  for (const auto& e : covered)
    ests.push_back({{"id", e.id}, {"finess", e.finess_et}, {"name", e.name}});
  json prereqs = json::object();
  long long est_id = est->id, amt = amount;
  soci::indicator ght_ind = ght ? soci::i_ok : soci::i_null;
  long long ght_val = ght ? ght->id : 0;
  std::string e_dump = ests.dump(), c_dump = contacts.dump(), state = "filed",
              region = est->region_code;
  const std::int64_t id = store::insert_returning(
      *s,
      "INSERT INTO funding_candidatures (call_id, candidate_kind, candidate_key, ght_id, "
      "establishment_id, region_code, state, amount_requested_cents, establishments, contacts, "
      "prerequisites, created_at, created_by, updated_at) VALUES (:c, :kind, :key, :g, :e, :r, "
      ":s, :a, :es, :co, '{}', :ca, :cb, :u)",
      [&](soci::statement& st) {
        st.exchange(use(in.call_id));
        st.exchange(use(kind));
        st.exchange(use(key));
        st.exchange(use(ght_val, ght_ind));
        st.exchange(use(est_id));
        st.exchange(use(region));
        st.exchange(use(state));
        st.exchange(use(amt));
        st.exchange(use(e_dump));
        st.exchange(use(c_dump));
        st.exchange(use(now));
        st.exchange(use(c.actor.user));
        st.exchange(use(now));
      });
  // Prerequisite proofs (files checked and stored; evidence of the covered establishments).
  for (const auto& p : call->prerequisites) {
    const auto& proof = in.prerequisites.at(p.id);
    json pj = {{"justification", trimmed(proof.justification)}, {"evidence_ids", json::array()}};
    for (auto eid : proof.evidence_ids) pj["evidence_ids"].push_back(eid);  // checked above
    if (!proof.file_bytes.empty() || !proof.file_name.empty()) {
      auto checked =
          files::check_attachment(proof.file_name, proof.file_bytes,
                                  {"prerequisites." + p.id, "funding", "Prérequis " + p.id});
      long long kid = id, size = static_cast<long long>(proof.file_bytes.size());
      std::string sha = store::sha256_hex(proof.file_bytes),
                  b64 = files::base64_encode(proof.file_bytes);
      auto fid = store::insert_returning(
          *s,
          "INSERT INTO funding_files (candidature_id, item_id, file_name, content_type, "
          "size_bytes, sha256, content_base64, created_at, created_by) VALUES (:k, :i, :f, :t, "
          ":z, :h, :b, :a, :u)",
          [&](soci::statement& st) {
            st.exchange(use(kid));
            st.exchange(use(p.id));
            st.exchange(use(checked.file_name));
            st.exchange(use(checked.content_type));
            st.exchange(use(size));
            st.exchange(use(sha));
            st.exchange(use(b64));
            st.exchange(use(now));
            st.exchange(use(c.actor.user));
          });
      pj["file"] = {{"id", fid}, {"name", checked.file_name}, {"sha256", sha}, {"size", size}};
    }
    prereqs[p.id] = pj;
  }
  {
    long long kid = id;
    std::string pd = prereqs.dump();
    *s << "UPDATE funding_candidatures SET prerequisites = :p WHERE id = :i", use(pd), use(kid);
  }
  Candidature k = load(*s, id);
  k.state = "";  // the event records the creation: from nothing to filed
  transition(*s, c, k, "filed", "filed", "Candidature déposée : " + euros(amount) + " demandés.",
             {{"amount_requested_cents", amount}, {"establishments", ests}}, today);
  auto out = load(*s, id);
  tr.commit();
  return out;
}

Candidature Repository::ars_decide(const Caller& c, std::int64_t id, bool validate,
                                   const std::string& reason, const Date& today) {
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto k = load(*s, id);
  require_ars(c, k);
  require_state(k, {"filed"}, validate ? "Validation" : "Refus");
  const Call& call = *data_.call(k.call_id);
  check_deadline(call, k, "ars_instruction_end", today, "funding.instruction_closed",
                 "Instruction par l'ARS");
  const std::string why = trimmed(reason);
  if (!validate && why.empty())
    throw UserError::invalid({{"reason", "funding.reason_required",
                               "Motif : dites pourquoi la candidature est refusée."}});
  transition(*s, c, k, validate ? "validated" : "refused", validate ? "operational" : "refused",
             validate ? (why.empty() ? "Candidature validée par l'ARS." : why) : why,
             json::object(), today);
  auto out = load(*s, id);
  tr.commit();
  return out;
}

Candidature Repository::declare(const Caller& c, std::int64_t id,
                                const std::map<std::string, ObjectiveDeclarationInput>& objectives,
                                const RuleResults& computed, const Date& today,
                                const std::map<std::int64_t, EvidenceItem>& described) {
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto k = load(*s, id);
  require_candidate(c, k);
  require_state(k, {"operational", "more_requested"}, "Déclaration des objectifs atteints");
  const Call& call = *data_.call(k.call_id);
  if (auto open = call.date("declaration_open"); open && today < *open)
    throw UserError::invalid({{"objectives", "funding.declaration_not_open",
                               "Objectifs : les déclarations s'ouvrent le " + day(*open) + "."}});
  bool late = false;
  if (auto close = call.date("declaration_close"); close && *close < today) {
    check_deadline(call, k, "declaration_close", today, "funding.declaration_closed",
                   "Déclaration des objectifs atteints");
    late = true;
  }
  std::set<std::int64_t> covered_ids;
  for (const auto& e : k.establishments) covered_ids.insert(e.value("id", std::int64_t{0}));
  // A complement (more_requested): only the objectives the ARS asked more of are declared
  // again; every other one is carried forward from the previous dossier as it was frozen (its
  // declaration, evidence, file and computation) with the ARS's verdict on it, so the new
  // dossier is whole (issue 18 trial: a complement replaced the whole dossier).
  std::set<std::string> asked;
  const Declaration* previous = nullptr;
  if (k.state == "more_requested" && !k.declarations.empty()) {
    previous = &k.declarations.back();
    for (const auto& v : previous->verifications)
      if (v.outcome == "more_requested") asked.insert(v.objective_id);
    if (asked.empty()) previous = nullptr;
  }
  auto kept = [&](const std::string& oid) { return previous && !asked.count(oid); };
  std::map<std::string, json> previous_items;
  if (previous && previous->dossier.contains("objectives"))
    for (const auto& o : previous->dossier["objectives"])
      previous_items[o.value("id", std::string())] = o;

  // Every objective is checked and every refusal named at once (field "objectives.<id>", a
  // file "objectives.<id>.file"): the first one's code is the answer's; nothing is stored when
  // any is refused.
  std::vector<FieldError> errors;
  auto refuse = [&errors](std::string field, std::string code, std::string message) {
    errors.push_back({std::move(field), std::move(code), std::move(message)});
  };
  for (const auto& [oid, _] : objectives)
    if (!call.objective(oid))
      refuse("objectives", "funding.unknown_item",
             "Objectifs : « " + oid + " » n'est pas un objectif de l'appel.");
  // The records as they are today (type, date, digest), read once.
  struct Record {
    std::int64_t owner = 0;
    std::string type, date, sha256;
  };
  std::map<std::int64_t, Record> records;
  int reached = 0;
  for (const auto& o : call.objectives) {
    if (kept(o.id)) {
      if (auto it = previous_items.find(o.id);
          it != previous_items.end() && it->second.value("reached", false))
        ++reached;
      continue;
    }
    auto in = objectives.find(o.id);
    if (in == objectives.end()) continue;
    const auto& p = in->second.proof;
    const std::string field = "objectives." + o.id;
    if (!p.file_bytes.empty() || !p.file_name.empty()) {
      try {
        files::check_attachment(p.file_name, p.file_bytes,
                                {field + ".file", "funding", "Fichier joint à l'objectif " + o.id});
      } catch (const UserError& e) {
        for (const auto& f : e.fields()) errors.push_back(f);
        if (e.fields().empty()) refuse(field + ".file", e.code(), e.what());
      }
    }
    if (!in->second.reached) continue;
    ++reached;
    // One rule, said once (issue 18 trial: « joignez une preuve ou justifiez », then the file
    // alone refused): not met by the records, only the candidate's written word why suffices;
    // otherwise a proof (joined or chosen) or a justification.
    const bool not_met_by_records = [&] {
      auto it = computed.find(o.id);
      return it != computed.end() && it->second.verdict == Verdict::not_met;
    }();
    if (not_met_by_records && trimmed(p.justification).empty()) {
      refuse(field, "funding.justification_required",
             "Objectif " + o.id + " (" + o.label +
                 ") : non atteint selon les relevés de carepilot ; pour le déclarer atteint, "
                 "écrivez la justification (une preuve jointe ou cochée ne suffit pas).");
    } else if (p.evidence_ids.empty() && p.file_bytes.empty() && p.file_name.empty() &&
               trimmed(p.justification).empty()) {
      refuse(field, "funding.proof_required",
             "Objectif " + o.id + " (" + o.label +
                 ") : déclaré atteint sans preuve ni justification écrite ; joignez un fichier, "
                 "cochez une preuve proposée ou écrivez la justification.");
      continue;
    }
    for (auto eid : p.evidence_ids) {
      long long ev = eid, owner = 0;
      std::string type, date, payload;
      soci::indicator ind = soci::i_null;
      *s << "SELECT establishment_id, type, date, payload FROM evidence WHERE id = :i AND "
            "withdrawn_at IS NULL",
          use(ev), into(owner, ind), into(type), into(date), into(payload);
      if (ind != soci::i_ok || !covered_ids.count(owner))
        refuse(field, "funding.evidence_unknown",
               "Objectif " + o.id + " : la preuve n° " + std::to_string(eid) +
                   " n'est pas une preuve des établissements candidats.");
      else
        records[eid] = {owner, type, date, store::sha256_hex(payload)};
    }
  }
  if (errors.empty() && reached == 0)
    refuse("objectives", "funding.nothing_declared",
           "Objectifs : déclarez au moins un objectif atteint.");
  if (!errors.empty()) throw UserError::invalid(std::move(errors));

  const std::string now = act_time(today);
  json dossier = {{"call", call.id},
                  {"candidature", k.id},
                  {"candidate_kind", k.candidate_kind},
                  {"establishments", k.establishments},
                  {"amount_requested_cents", k.amount_requested_cents},
                  {"filed_on", format_date(today)},
                  {"filed_by", c.actor.user},
                  {"objectives", json::array()}};
  for (const auto& o : call.objectives) {
    if (kept(o.id)) {
      // Carried forward as frozen, naming the declaration it was first filed with.
      json item = {{"id", o.id}, {"label", o.label}, {"reached", false}};
      if (auto it = previous_items.find(o.id); it != previous_items.end()) item = it->second;
      if (!item.contains("kept_from_declaration")) item["kept_from_declaration"] = previous->id;
      dossier["objectives"].push_back(item);
      continue;
    }
    json item = {{"id", o.id}, {"label", o.label}, {"reached", false}};
    if (auto it = computed.find(o.id); it != computed.end())
      item["computed"] = {{"rule", it->second.rule},
                          {"verdict", verdict_code(it->second.verdict)},
                          {"words", it->second.words},
                          {"records", it->second.records}};
    auto in = objectives.find(o.id);
    if (in != objectives.end() && in->second.reached) {
      const auto& p = in->second.proof;
      item["reached"] = true;
      item["justification"] = trimmed(p.justification);
      item["evidence_ids"] = json::array();
      for (auto eid : p.evidence_ids) {
        const auto& r = records.at(eid);
        // The record as it is today, frozen with its digest and its description.
        item["evidence_ids"].push_back(eid);
        json frozen = {{"id", eid},
                       {"establishment_id", r.owner},
                       {"type", r.type},
                       {"date", r.date},
                       {"sha256", r.sha256}};
        if (auto d = described.find(eid); d != described.end()) {
          const json e = evidence_json(d->second);
          for (const char* key :
               {"kind", "record_id", "source", "finess", "establishment", "detail", "link"})
            frozen[key] = e[key];
        }
        item["evidence"].push_back(frozen);
      }
      if (!p.file_bytes.empty() || !p.file_name.empty()) {
        auto checked = files::check_attachment(
            p.file_name, p.file_bytes,
            {"objectives." + o.id + ".file", "funding", "Fichier joint à l'objectif " + o.id});
        long long kid = k.id, size = static_cast<long long>(p.file_bytes.size());
        std::string sha = store::sha256_hex(p.file_bytes), b64 = files::base64_encode(p.file_bytes);
        auto fid = store::insert_returning(
            *s,
            "INSERT INTO funding_files (candidature_id, item_id, file_name, content_type, "
            "size_bytes, sha256, content_base64, created_at, created_by) VALUES (:k, :i, :f, :t, "
            ":z, :h, :b, :a, :u)",
            [&](soci::statement& st) {
              st.exchange(use(kid));
              st.exchange(use(o.id));
              st.exchange(use(checked.file_name));
              st.exchange(use(checked.content_type));
              st.exchange(use(size));
              st.exchange(use(sha));
              st.exchange(use(b64));
              st.exchange(use(now));
              st.exchange(use(c.actor.user));
            });
        item["file"] = {{"id", fid}, {"name", checked.file_name}, {"sha256", sha}, {"size", size}};
      }
    }
    dossier["objectives"].push_back(item);
  }
  const std::string text = dossier.dump(), sha = store::sha256_hex(text);
  long long kid = k.id;
  int late_i = late ? 1 : 0;
  const auto did = store::insert_returning(
      *s,
      "INSERT INTO funding_declarations (candidature_id, dossier, sha256, late, filed_at, "
      "filed_by) VALUES (:k, :d, :h, :l, :a, :b)",
      [&](soci::statement& st) {
        st.exchange(use(kid));
        st.exchange(use(text));
        st.exchange(use(sha));
        st.exchange(use(late_i));
        st.exchange(use(now));
        st.exchange(use(c.actor.user));
      });
  // The ARS's verdicts on the objectives carried forward stay with the new dossier.
  if (previous)
    for (const auto& v : previous->verifications) {
      if (!kept(v.objective_id)) continue;
      long long dd = did;
      *s << "INSERT INTO funding_verifications (candidature_id, declaration_id, objective_id, "
            "outcome, comment, at, by_user) VALUES (:k, :d, :o, :r, :c, :a, :b)",
          use(kid), use(dd), use(v.objective_id), use(v.outcome), use(v.comment), use(v.at),
          use(v.by);
    }
  // A complement says what it re-declared and how many objectives it carried over (issue 18
  // trial: « 8 objectifs déclarés atteints » for one objective re-declared).
  std::string what = plural(reached, "objectif déclaré atteint", "objectifs déclarés atteints");
  if (previous) {
    std::string again;
    int carried = 0, redeclared = 0;
    for (const auto& o : call.objectives) {
      if (kept(o.id)) {
        ++carried;
        continue;
      }
      again += (again.empty() ? "" : ", ") + o.id;
      ++redeclared;
    }
    what = "Complément : " + again + (redeclared > 1 ? " redéclarés" : " redéclaré");
    if (carried > 0)
      what +=
          " (" +
          plural(carried, "objectif repris sans changement", "objectifs repris sans changement") +
          ")";
  }
  transition(*s, c, k, "declared", "declared", what + late_words(late) + ".",
             {{"declaration", did}, {"sha256", sha}, {"late", late}}, today);
  auto out = load(*s, id);
  tr.commit();
  return out;
}

Candidature Repository::verify(
    const Caller& c, std::int64_t id,
    const std::map<std::string, std::pair<std::string, std::string>>& verdicts, const Date& today) {
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto k = load(*s, id);
  require_ars(c, k);
  require_state(k, {"declared"}, "Vérification");
  const Call& call = *data_.call(k.call_id);
  check_deadline(call, k, "ars_verification_end", today, "funding.verification_closed",
                 "Vérification par l'ARS");
  const auto& d = k.declarations.back();
  std::set<std::string> declared, carried;
  for (const auto& o : d.dossier["objectives"])
    if (o.value("reached", false))
      (o.contains("kept_from_declaration") ? carried : declared).insert(o["id"].get<std::string>());

  // Every verdict is checked and every refusal named at once, in the call's order (field
  // "verdicts.<id>" for the verdict, "verdicts.<id>.comment" for its comment, "verdicts" for
  // an objective that was not declared or when no verdict is given): the first one's code is
  // the answer's; nothing is stored when any is refused.
  std::vector<FieldError> errors;
  auto refuse = [&errors](std::string field, std::string code, std::string message) {
    errors.push_back({std::move(field), std::move(code), std::move(message)});
  };
  auto named = [&call](const std::string& oid) {
    const Objective* o = call.objective(oid);
    return "l'objectif " + oid + (o ? " (" + o->label + ")" : std::string());
  };
  for (const auto& [oid, _] : verdicts)
    if (carried.count(oid))
      // Carried forward by a complement, already judged (issue 18 trial: « n'est pas un
      // objectif déclaré atteint »).
      refuse("verdicts", "funding.unknown_item",
             "Vérification : " + named(oid) +
                 " a été repris sans changement de la déclaration précédente, où votre avis est "
                 "déjà donné ; seuls les objectifs redéclarés attendent votre avis.");
    else if (!declared.count(oid))
      refuse(
          "verdicts", "funding.unknown_item",
          "Vérification : « " + oid + " » n'est pas un objectif déclaré atteint dans ce dossier.");
  if (verdicts.empty() && !declared.empty()) {
    std::string list;
    for (const auto& o : call.objectives)
      if (declared.count(o.id)) list += (list.empty() ? "" : ", ") + o.id + " (" + o.label + ")";
    refuse("verdicts", "funding.verdict_required",
           "Vérification : aucun avis n'a été donné ; choisissez « Accepté », « Compléments "
           "demandés » ou « Refusé » pour chaque objectif déclaré atteint : " +
               list + ".");
  }
  for (const auto& o : call.objectives) {
    if (!declared.count(o.id) || verdicts.empty()) continue;
    const std::string field = "verdicts." + o.id;
    auto v = verdicts.find(o.id);
    if (v == verdicts.end()) {
      refuse(field, "funding.verdict_required",
             "Vérification : " + named(o.id) +
                 " attend votre avis ; choisissez « Accepté », « Compléments demandés » ou "
                 "« Refusé ».");
      continue;
    }
    const auto& [outcome, comment] = v->second;
    if (outcome != "accepted" && outcome != "more_requested" && outcome != "refused") {
      refuse(field, "funding.outcome_invalid",
             "Vérification : pour " + named(o.id) +
                 ", « Accepté », « Compléments demandés » ou « Refusé » est attendu.");
      continue;
    }
    if (outcome != "accepted" && trimmed(comment).empty())
      refuse(field + ".comment", "funding.comment_required",
             "Commentaire sur " + named(o.id) + " : dites ce qui manque ou ce qui fonde " +
                 (outcome == "refused" ? "le refus." : "la demande de compléments."));
  }
  if (!errors.empty()) throw UserError::invalid(std::move(errors));

  const std::string now = act_time(today);
  bool more = false;
  json summary = json::object();
  for (const auto& [oid, v] : verdicts) {
    const auto& [outcome, comment] = v;
    more = more || outcome == "more_requested";
    long long kid = k.id, did = d.id;
    std::string cm = trimmed(comment);
    *s << "INSERT INTO funding_verifications (candidature_id, declaration_id, objective_id, "
          "outcome, comment, at, by_user) VALUES (:k, :d, :o, :r, :c, :a, :b)",
        use(kid), use(did), use(oid), use(outcome), use(cm), use(now), use(c.actor.user);
    summary[oid] = outcome;
  }
  // The history line names the objectives of each verdict (issue 18 trial: « Vérification :
  // compléments demandés. » said for which).
  std::map<std::string, std::string> by_outcome;
  for (const auto& o : call.objectives)
    if (auto v = verdicts.find(o.id); v != verdicts.end())
      by_outcome[v->second.first] += (by_outcome[v->second.first].empty() ? "" : ", ") + o.id;
  std::string line = more ? "Vérification : compléments demandés" : "Vérification terminée";
  std::vector<std::string> parts;
  for (const auto& [outcome, words] : std::vector<std::pair<std::string, std::string>>{
           {"more_requested", "compléments demandés pour "},
           {"refused", "refusé "},
           {"accepted", "accepté "}})
    if (by_outcome.count(outcome)) parts.push_back(words + by_outcome[outcome]);
  for (std::size_t i = 0; i < parts.size(); ++i) line += (i ? " ; " : " — ") + parts[i];
  transition(*s, c, k, "verified", more ? "more_requested" : "verified", line + ".",
             {{"declaration", d.id}, {"verdicts", summary}}, today);
  auto out = load(*s, id);
  tr.commit();
  return out;
}

Candidature Repository::national_request(const Caller& c, std::int64_t id, const std::string& text,
                                         const Date& today) {
  require_national(c);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto k = load(*s, id);
  require_state(k, {"verified"}, "Demande de l'instruction nationale");
  // The national instruction's deadline binds its requests as it binds its decision.
  check_deadline(*data_.call(k.call_id), k, "national_instruction_end", today,
                 "funding.national_instruction_closed", "Demande de l'instruction nationale");
  if (trimmed(text).empty())
    throw UserError::invalid(
        {{"text", "funding.text_required", "Demande : écrivez ce qui est demandé."}});
  transition(*s, c, k, "request", k.state, trimmed(text), json::object(), today);
  auto out = load(*s, id);
  tr.commit();
  return out;
}

Candidature Repository::answer(const Caller& c, std::int64_t id, const std::string& text,
                               const Date& today) {
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto k = load(*s, id);
  require_candidate(c, k);
  require_state(k, {"verified"}, "Réponse à l'instruction nationale");
  int open_requests = 0;
  for (const auto& e : k.events) {
    if (e.kind == "request") ++open_requests;
    if (e.kind == "answer") --open_requests;
  }
  if (open_requests <= 0)
    throw UserError(409, "funding.no_request", "Réponse : aucune demande n'attend de réponse.");
  if (trimmed(text).empty())
    throw UserError::invalid(
        {{"text", "funding.text_required", "Réponse : écrivez votre réponse."}});
  transition(*s, c, k, "answer", k.state, trimmed(text), json::object(), today);
  auto out = load(*s, id);
  tr.commit();
  return out;
}

Candidature Repository::grant_exception(const Caller& c, std::int64_t id,
                                        const std::optional<Date>& until, const std::string& reason,
                                        const Date& today) {
  require_national(c);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto k = load(*s, id);
  if (k.state == "refused" || k.state == "decided" || k.state == "paid")
    throw UserError(409, "funding.wrong_state",
                    "Dérogation : la candidature est " + state_words(k.state) + ".");
  if (!passed_step(*data_.call(k.call_id), k, today))
    throw UserError(422, "funding.no_deadline_passed",
                    "Dérogation : aucune échéance de l'étape en cours n'est passée ; la "
                    "candidature n'a pas besoin de dérogation.");
  // Every field checked and every refusal named at once (issue 18 trial).
  std::vector<FieldError> errors;
  if (!until)
    errors.push_back({"until", "funding.date_invalid", "Jusqu'au : une date est attendue."});
  else if (*until < today)
    errors.push_back({"until", "funding.until_past", "Jusqu'au : la date de fin est passée."});
  if (trimmed(reason).empty())
    errors.push_back({"reason", "funding.reason_required",
                      "Motif : dites pourquoi la dérogation est accordée."});
  if (!errors.empty()) throw UserError::invalid(std::move(errors));
  std::string u = format_date(*until), r = trimmed(reason);
  long long kid = k.id;
  *s << "UPDATE funding_candidatures SET exception_until = :u, exception_reason = :r WHERE id = :i",
      use(u), use(r), use(kid);
  transition(*s, c, k, "exception", k.state, r, {{"until", u}}, today);
  auto out = load(*s, id);
  tr.commit();
  return out;
}

Candidature Repository::decide(const Caller& c, std::int64_t id, const std::string& amount_granted,
                               const Date& today, const std::string& reason) {
  require_national(c);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto k = load(*s, id);
  require_state(k, {"verified"}, "Décision");
  check_deadline(*data_.call(k.call_id), k, "national_instruction_end", today,
                 "funding.national_instruction_closed", "Décision de l'instruction nationale");
  if (auto bad = amount_problem(amount_granted, "Montant accordé", true))
    throw UserError::invalid({{"amount_granted", "funding.amount_invalid", *bad}});
  auto cents = parse_euro_cents(trimmed(amount_granted));
  if (*cents > k.amount_requested_cents)
    throw UserError::invalid({{"amount_granted", "funding.amount_over_request",
                               "Montant accordé : " + euros(*cents) + " dépasse les " +
                                   euros(k.amount_requested_cents) + " demandés."}});
  // A rejection says why (issue 18 trial: 0 € read as a plain « Refusée », no reason).
  const std::string why = trimmed(reason);
  if (*cents == 0 && why.empty())
    throw UserError::invalid(
        {{"reason", "funding.reason_required",
          "Motif : dites pourquoi la candidature est rejetée (0 € accordé)."}});
  long long g = *cents, kid = k.id;
  *s << "UPDATE funding_candidatures SET amount_granted_cents = :g WHERE id = :i", use(g), use(kid);
  // Nothing granted is a rejection (issue 18 trial: 0 € left « Décidée » and a payment form):
  // the candidature ends refused, nothing to pay.
  if (*cents == 0)
    transition(*s, c, k, "decided", "refused",
               "Décision : candidature rejetée à l'instruction nationale, aucun montant accordé. "
               "Motif : " +
                   why,
               {{"amount_granted_cents", *cents}, {"reason", why}}, today);
  else
    transition(*s, c, k, "decided", "decided", "Décision : " + euros(*cents) + " accordés.",
               {{"amount_granted_cents", *cents}}, today);
  auto out = load(*s, id);
  tr.commit();
  return out;
}

std::map<std::string, std::string> Repository::people(const std::set<std::string>& who) {
  return store::people(db_, who);
}

Candidature Repository::pay(const Caller& c, std::int64_t id, const std::optional<Date>& paid_on,
                            const std::string& amount, const Date& today) {
  require_national(c);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto k = load(*s, id);
  // Before the decision, say why (issue 18 trial: « la candidature est vérifiée par l'ARS »,
  // then « … en phase opérationnelle » earlier still): whatever step it is at, the decision
  // comes first.
  static const std::set<std::string> before_decision{"filed", "operational", "declared",
                                                     "more_requested", "verified"};
  if (before_decision.count(k.state))
    throw UserError(409, "funding.wrong_state",
                    "Paiement : la décision de financement doit être enregistrée avant tout "
                    "paiement.");
  require_state(k, {"decided"}, "Paiement");
  // Every field checked and every refusal named at once (issue 18 trial).
  std::vector<FieldError> errors;
  if (!paid_on) {
    errors.push_back(
        {"paid_on", "funding.date_invalid",
         "Date du paiement : une date est attendue, au format AAAA-MM-JJ (2026-11-30 par "
         "exemple)."});
  } else if (today < *paid_on) {
    errors.push_back(
        {"paid_on", "funding.paid_on_future", "Date du paiement : la date est à venir."});
  } else {
    // Not before the decision, nor before the candidature was filed.
    std::optional<Date> filed_on, decided_on;
    for (const auto& e : k.events) {
      if (e.kind == "filed" && !filed_on) filed_on = parse_date(e.on_day);
      if (e.kind == "decided") decided_on = parse_date(e.on_day);
    }
    if (!filed_on) filed_on = parse_date(k.created_at.substr(0, 10));
    if (filed_on && *paid_on < *filed_on)
      errors.push_back({"paid_on", "funding.paid_on_before_filing",
                        "Date du paiement : le " + day(*paid_on) +
                            " précède le dépôt de la candidature, le " + day(*filed_on) + "."});
    else if (decided_on && *paid_on < *decided_on)
      errors.push_back({"paid_on", "funding.paid_on_before_decision",
                        "Date du paiement : le " + day(*paid_on) + " précède la décision, le " +
                            day(*decided_on) + "."});
  }
  const std::int64_t granted = k.amount_granted_cents.value_or(0);
  const std::int64_t paid_before = k.amount_paid_cents.value_or(0);
  std::int64_t cents = 0;
  try {
    // The request's field is `amount` (issue 18 trial: refusals named `amount_paid`).
    cents = read_amount(amount, "amount", "Montant payé");
    if (cents > granted - paid_before)
      errors.push_back(
          {"amount", "funding.amount_over_grant",
           "Montant payé : " + euros(cents) + " dépasse " +
               (paid_before == 0
                    ? "les " + euros(granted) + " accordés."
                    : "les " + euros(granted - paid_before) + " restant à payer (" +
                          euros(granted) + " accordés, " + euros(paid_before) + " déjà payés).")});
  } catch (const UserError& e) {
    for (const auto& f : e.fields()) errors.push_back(f);
  }
  if (!errors.empty()) throw UserError::invalid(std::move(errors));
  // Payments are a list (one event each); the candidature is paid once their sum reaches the
  // amount granted, and stays decided, partly paid, until then.
  const std::int64_t total = paid_before + cents;
  const bool whole = total >= granted;
  long long p = total, kid = k.id;
  std::string on = format_date(*paid_on);
  *s << "UPDATE funding_candidatures SET amount_paid_cents = :p, paid_on = :o WHERE id = :i",
      use(p), use(on), use(kid);
  transition(*s, c, k, "paid", whole ? "paid" : k.state,
             "Paiement de " + euros(cents) + " le " + day(*paid_on) +
                 (whole && paid_before == 0
                      ? "."
                      : " ; payé : " + euros(total) + " sur " + euros(granted) + "."),
             {{"amount_paid_cents", cents}, {"paid_on", on}, {"paid_total_cents", total}}, today);
  auto out = load(*s, id);
  tr.commit();
  return out;
}

}  // namespace carepilot::funding
