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

// Pages are cached per role and scope, not per user: the CSRF token, the user's address and
// the blocks that depend on the caller's rights are filled in at send time by
// http::personalize. render_page marks them with a random nonce drawn for each render and
// announced in a first line "<!--cp-mark:NONCE-->": text a user types can never be taken
// for a placeholder (issue 10), since the nonce is never sent to anyone.
//   {{CSRF}} in a page          -> "cp-csrf-NONCE"
//   the layout's user and rights -> "cp-user-NONCE",
//   "<!--cp-if-NONCE:NAME-->…<!--/cp-if-NONCE:NAME-->"
inline constexpr const char* kMarkPrefix = "<!--cp-mark:";

// Renders `page_template` with `dict` inside the site layout (header, navigation, footer),
// the placeholders marked as above.
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
