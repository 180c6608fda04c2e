#include <ctemplate/template.h>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "http/templates.hpp"
#include "incidents/pages/routes.hpp"
#include "incidents/store/history.hpp"

namespace carepilot::incidents {

namespace history_page_detail {

// Entries shown on the establishment's page; the register holds the rest.
constexpr std::size_t kShown = 20;

}  // namespace history_page_detail

std::string establishment_history_html(Context& ctx, const http::Request& req,
                                       const std::string& finess) {
  using history_page_detail::kShown;
  if (!ctx.db) return {};
  const auto est = ctx.registry.visible(req.caller.scope, finess);
  const auto entries = establishment_history(*ctx.db, ctx.registry, req.caller.scope, finess);
  ctemplate::TemplateDictionary d("establishment_history");
  d.SetValue("FINESS", est.finess_et);
  d.ShowSection(entries.empty() ? "NONE" : "HAS_ENTRIES");
  const std::string base = "/etablissements/" + est.finess_et;
  for (std::size_t i = 0; i < entries.size() && i < kShown; ++i) {
    const auto& h = entries[i];
    auto* x = d.AddSectionDictionary("ENTRY");
    x->SetValue("KIND", h.kind);
    x->SetValue("AT", paris_datetime(h.at));
    x->SetValue("WHAT", code_label("incident_history." + h.kind));
    x->SetValue("INCIDENT", h.incident_title);
    x->SetValue("INCIDENT_URL", base + "/incidents/" + std::to_string(h.incident_id));
    std::string detail;
    if (h.kind == "declaration")
      detail = code_label("incident_stage." + h.stage) +
               (h.portal_reference.empty() ? "" : ", référence " + h.portal_reference);
    if (!detail.empty()) x->AddSectionDictionary("DETAIL")->SetValue("TEXT", detail);
    if (h.kind == "paq_action") {
      auto* a = x->AddSectionDictionary("PAQ");
      a->SetValue("URL", base + "/paq/" + std::to_string(h.paq_action_id));
      a->SetValue("TITLE", h.paq_title);
      if (h.withdrawn) a->ShowSection("WITHDRAWN");
    }
  }
  if (entries.size() > kShown)
    d.AddSectionDictionary("MORE")->SetValue(
        "TEXT", plural(static_cast<std::int64_t>(entries.size() - kShown), "événement plus ancien",
                       "événements plus anciens"));
  return http::render("establishment_history.tpl", d);
}

}  // namespace carepilot::incidents
