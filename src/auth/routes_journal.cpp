// The audit trail within the viewer's scope (page and API).
#include <ctemplate/template.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "auth/accounts.hpp"
#include "auth/routes.hpp"
#include "common/date.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "common/text.hpp"
#include "http/list.hpp"
#include "http/pagination.hpp"
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

std::string short_digest(const std::string& d) {
  return d.empty() ? "—" : d.substr(0, 12);
}

// The names of the journal's filters: French on the page, English on the API.
struct FilterKeys {
  const char* user;
  const char* establishment;
  const char* entity;
  const char* from;
  const char* to;
  const char* before;
};
constexpr FilterKeys kPageKeys{"utilisateur", "etablissement", "objet", "du", "au", "avant"};
constexpr FilterKeys kApiKeys{"actor", "establishment", "entity", "from", "to", "before"};

// The journal's filters (page and API), read from the query string. They narrow the caller's
// scope and never widen it: an establishment is looked up within the scope only (one outside
// it, like an unknown one, matches no entry). Dates are Paris days, both ends included.
struct JournalFilters {
  std::string user, finess, entity, from, to;
  // One per filter that cannot be read: (parameter, French message for the page).
  std::vector<std::pair<std::string, std::string>> errors;
  bool unknown_establishment = false;
  store::AuditQuery q;

  JournalFilters(Context& ctx, const Request& req, const FilterKeys& k) {
    q.scope = req.caller.scope;
    q.before_seq = before_seq(req, k.before);
    user = trim(req.q(k.user));
    finess = trim(req.q(k.establishment));
    entity = req.q(k.entity);
    from = req.q(k.from);
    to = req.q(k.to);
    q.actor = normalize_email(user);
    if (!finess.empty()) {
      if (auto e = ctx.registry.find(req.caller.scope, finess))
        q.establishment_id = e->id;
      else {
        unknown_establishment = true;
        q.establishment_id = -1;  // no entry
      }
    }
    bool known = entity.empty();
    for (const auto& [code, label] : audit_entities()) known = known || code == entity;
    if (!known) {
      errors.emplace_back(k.entity, "Objet : ce type d'objet n'existe pas.");
      entity.clear();
    }
    q.entity = entity;
    if (!from.empty()) {
      if (auto d = parse_date(from))
        q.from_utc = iso_utc(*paris_day_start(format_date(*d)));
      else
        errors.emplace_back(k.from, "Du : la date doit être une date valide (jj/mm/aaaa).");
    }
    if (!to.empty()) {
      // Up to midnight, Paris time, after the day `to`: the whole last day is included.
      if (auto d = parse_date(to))
        q.to_utc = iso_utc(*paris_day_start(format_date(add_days(*d, 1))));
      else
        errors.emplace_back(k.to, "Au : la date doit être une date valide (jj/mm/aaaa).");
    }
  }
};

// One page of the entries matching `q`: past the last page, the last page.
struct JournalPage {
  std::vector<store::AuditEntry> entries;
  std::int64_t total = 0;
  int page = 1, pages = 1;
};
JournalPage journal_page(Context& ctx, store::AuditQuery q, int page, int per_page) {
  auto s = ctx.store.db().lease();
  JournalPage out;
  out.total = store::count_audit(*s, q);
  out.pages = http::page_count(out.total, per_page);
  out.page = std::clamp(page, 1, out.pages);
  q.limit = per_page;
  q.offset = static_cast<std::int64_t>(out.page - 1) * per_page;
  out.entries = store::list_audit(*s, q);
  return out;
}

int page_param(const Request& req) {
  try {
    if (auto v = req.q("page"); !v.empty()) return std::clamp(std::stoi(v), 1, 1'000'000);
  } catch (const std::exception&) {
  }
  return 1;
}

}  // namespace

void add_journal_routes(http::RouteTable& routes, Context& ctx) {
  routes.get(
      "/journal", RouteKind::page,
      [&ctx](Request& req) {
        JournalFilters filters(ctx, req, kPageKeys);
        auto found = journal_page(ctx, filters.q, page_param(req), kPageSize);
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
          d.AddSectionDictionary("FILTER_ERROR")->SetValue("MESSAGE", e.second);
        if (filters.unknown_establishment) d.ShowSection("UNKNOWN_ESTABLISHMENT");
        d.SetIntValue("COUNT", static_cast<long>(found.total));
        for (const auto& e : found.entries) {
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
        if (found.entries.empty()) d.ShowSection("EMPTY");
        d.SetValue("PAGINATION",
                   http::render_pagination(
                       {found.page, found.pages,
                        [&req](int n) { return http::page_link(req, "/journal", "page", n); },
                        "Pages du journal"}));
        http::PageMeta meta{"Journal", "journal", {{"Accueil", "/"}, {"Journal", ""}}, {}, {}};
        return Response::html(http::render_page("journal.tpl", d, meta));
      },
      false, Access::view_audit);

  routes.get(
      "/api/v1/audit", RouteKind::api,
      [&ctx](Request& req) {
        auto list = http::list_query(req, {{"seq"}, kPageSize, 200});
        if (auto b = req.q("before"); !b.empty() && before_seq(req, "before") <= 0)
          throw http::bad_parameter("before", "numéro d'entrée attendu");
        JournalFilters filters(ctx, req, kApiKeys);
        if (!filters.errors.empty()) {
          const auto& key = filters.errors.front().first;
          throw http::bad_parameter(
              key, key == "entity" ? "type d'objet inconnu" : "date AAAA-MM-JJ attendue");
        }
        filters.q.ascending = list.sort == "seq";
        auto found = journal_page(ctx, filters.q, list.page, list.per_page);
        json items = json::array();
        for (const auto& e : found.entries)
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
        return http::paged_response(std::move(items), found.total, found.page, list.per_page);
      },
      false, Access::view_audit);
}

}  // namespace carepilot::auth
