// Site pages: the site layout around ctemplate templates. Registration and rendering (with
// the AUTOESCAPE rule) live in templating/templating.hpp; register_templates and render
// below forward to it. Templates are embedded in the binary by each module and registered
// once at start-up; pages render inside layout.tpl.
#pragma once

#include <ctemplate/template.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace carepilot::http {

// Forwards to templating::register_templates: throws std::runtime_error naming a template
// without the AUTOESCAPE pragma or one that does not parse.
void register_templates(const std::map<std::string_view, std::string_view>& files);

// Forwards to templating::render. Throws when the name is unknown.
std::string render(const std::string& name, const ctemplate::TemplateDictionary& dict);

// What the layout needs besides the page's own template and values.
struct PageMeta {
  std::string title;  // <title> and <h1> when the page sets none
  std::string nav;    // active navigation entry: accueil, etablissements, import …
  std::vector<std::pair<std::string, std::string>> breadcrumb;  // (label, href); last = current
  std::string flash;                                            // a success message shown once
  std::string flash_error;
};

// Placeholders that page templates render and http::personalize replaces for each request
// (pages are cached per role and scope, not per user): {{CSRF}} in every form.
inline constexpr const char* kCsrfMarker = "cp-csrf-placeholder-7f3a";
inline constexpr const char* kUserMarker = "cp-user-placeholder-7f3a";

// Renders `page_template` with `dict` (CSRF set to kCsrfMarker) inside the site layout (header,
// navigation, footer).
std::string render_page(const std::string& page_template, ctemplate::TemplateDictionary& dict,
                        const PageMeta& meta);

// Deployment settings the layout reads (set once at start-up).
struct SiteSettings {
  bool state_operator = false;  // show the Marianne / "République française" block
  std::string name = "carepilot";
  std::string version;
};
void set_site_settings(SiteSettings s);
const SiteSettings& site_settings();

}  // namespace carepilot::http

namespace carepilot::http {
// The layout and error templates embedded by this module (generated).
const std::map<std::string_view, std::string_view>& embedded_files();
}  // namespace carepilot::http
