#include "web/site_pages.hpp"

#include <ctemplate/template.h>

#include "http/templates.hpp"

namespace carepilot::web {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;

std::vector<SiteMapSection> site_map_for(const http::Caller& caller) {
  std::vector<SiteMapSection> out;
  const bool signed_in = caller.signed_in && !caller.user.empty();
  if (signed_in && caller.can(Access::read)) {
    SiteMapSection work{"travail", "Suivi de la conformité", {}};
    work.links = {{"Accueil", "/"},
                  {"Établissements", "/etablissements"},
                  {"Tableau de bord", "/tableau-de-bord"}};
    out.push_back(std::move(work));
  }
  SiteMapSection admin{"administration", "Administration", {}};
  if (caller.can(Access::edit_registry)) admin.links.emplace_back("Import FINESS", "/import");
  if (caller.can(Access::manage_users)) admin.links.emplace_back("Utilisateurs", "/utilisateurs");
  if (caller.can(Access::view_audit)) admin.links.emplace_back("Journal", "/journal");
  if (caller.can(Access::operate_platform))
    admin.links.emplace_back("Tâches de fond", "/administration/taches");
  if (signed_in && !admin.links.empty()) out.push_back(std::move(admin));
  SiteMapSection account{"compte", "Compte", {}};
  if (signed_in)
    account.links = {{"Mon compte", "/compte"}};
  else
    account.links = {{"Connexion", "/connexion"}};
  out.push_back(std::move(account));
  out.push_back({"informations",
                 "Informations",
                 {{"Documentation de l'API", "/documentation-api"},
                  {"Accessibilité : partiellement conforme", "/accessibilite"},
                  {"Mentions légales", "/mentions-legales"},
                  {"Données personnelles", "/donnees-personnelles"},
                  {"Gestion des cookies", "/gestion-des-cookies"},
                  {"Plan du site", "/plan-du-site"}}});
  return out;
}

namespace {

Response static_page(const std::string& tpl, const std::string& title) {
  TemplateDictionary d("site");
  d.SetValue("SITE_NAME", http::site_settings().name);
  d.SetValue("VERSION", http::site_settings().version);
  http::PageMeta meta{
      title, tpl == "api_docs.tpl" ? "api" : "", {{"Accueil", "/"}, {title, ""}}, {}, {}};
  return Response::html(http::render_page(tpl, d, meta));
}

}  // namespace

void add_site_pages(http::RouteTable& routes) {
  const std::pair<const char*, std::pair<const char*, const char*>> pages[] = {
      {"/accessibilite", {"site_accessibility.tpl", "Déclaration d'accessibilité"}},
      {"/mentions-legales", {"site_legal.tpl", "Mentions légales"}},
      {"/donnees-personnelles", {"site_privacy.tpl", "Données personnelles"}},
      {"/gestion-des-cookies", {"site_cookies.tpl", "Gestion des cookies"}},
      {"/documentation-api", {"api_docs.tpl", "Documentation de l'API"}}};
  for (const auto& [path, page] : pages) {
    std::string tpl = page.first, title = page.second;
    routes.get(
        path, RouteKind::page, [tpl, title](Request&) { return static_page(tpl, title); }, false,
        Access::open);
  }
  routes.get(
      "/plan-du-site", RouteKind::page,
      [](Request& req) {
        TemplateDictionary d("site_map");
        for (const auto& s : site_map_for(req.caller)) {
          auto* sd = d.AddSectionDictionary("SECTION");
          sd->SetValue("KEY", s.key);
          sd->SetValue("HEADING", s.heading);
          for (const auto& [label, href] : s.links) {
            auto* ld = sd->AddSectionDictionary("LINK");
            ld->SetValue("LABEL", label);
            ld->SetValue("HREF", href);
          }
        }
        http::PageMeta meta{"Plan du site", {}, {{"Accueil", "/"}, {"Plan du site", ""}}, {}, {}};
        return Response::html(http::render_page("site_map.tpl", d, meta));
      },
      false, Access::open);
}

}  // namespace carepilot::web
