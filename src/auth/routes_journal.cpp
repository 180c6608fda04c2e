// The audit trail within the viewer's scope (page and API).
#include <ctemplate/template.h>

#include <map>
#include <nlohmann/json.hpp>

#include "auth/routes.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
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

std::vector<store::AuditEntry> entries(Context& ctx, const Request& req, const char* before_key) {
  long long before = 0;
  try {
    if (auto v = req.q(before_key); !v.empty()) before = std::stoll(v);
  } catch (const std::exception&) {
  }
  auto s = ctx.store.db().lease();
  return store::list_audit(*s, {req.caller.scope, before, kPageSize});
}

std::string short_digest(const std::string& d) {
  return d.empty() ? "—" : d.substr(0, 12);
}

}  // namespace

void add_journal_routes(http::RouteTable& routes, Context& ctx) {
  routes.get(
      "/journal", RouteKind::page,
      [&ctx](Request& req) {
        auto list = entries(ctx, req, "avant");
        TemplateDictionary d("journal");
        for (const auto& e : list) {
          auto* row = d.AddSectionDictionary("ENTRY");
          row->SetIntValue("SEQ", e.seq);
          row->SetValue("AT", paris_datetime(e.at));
          row->SetValue("ACTOR", e.actor.empty() ? "—" : e.actor);
          row->SetValue("REMOTE", e.remote.empty() ? "—" : e.remote);
          row->SetValue("ACTION", audit_action_label(e.action));
          // Entries written before dates were French keep their ISO dates: shown in French.
          row->SetValue("SUMMARY", french_dates_in(e.summary));
          row->SetValue("BEFORE", short_digest(e.before_digest));
          row->SetValue("AFTER", short_digest(e.after_digest));
        }
        if (list.empty()) d.ShowSection("EMPTY");
        if (static_cast<int>(list.size()) == kPageSize) {
          d.ShowSection("MORE");
          d.SetIntValue("NEXT", list.back().seq);
        }
        http::PageMeta meta{"Journal", "journal", {{"Accueil", "/"}, {"Journal", ""}}, {}, {}};
        return Response::html(http::render_page("journal.tpl", d, meta));
      },
      false, Access::view_audit);

  routes.get(
      "/api/v1/audit", RouteKind::api,
      [&ctx](Request& req) {
        json items = json::array();
        for (const auto& e : entries(ctx, req, "before"))
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
