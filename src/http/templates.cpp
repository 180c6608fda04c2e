#include "http/templates.hpp"

#include <cstdio>
#include <random>

#include "templating/templating.hpp"

namespace carepilot::http {

namespace {
SiteSettings& settings() {
  static SiteSettings s;
  return s;
}

// 128 random bits from the system's generator (getrandom), as 32 hex characters.
std::string new_nonce() {
  static thread_local std::random_device rd;
  std::string out;
  char buf[9];
  for (int i = 0; i < 4; ++i) {
    std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(rd()));
    out += buf;
  }
  return out;
}
}  // namespace

void register_templates(const std::map<std::string_view, std::string_view>& files) {
  templating::register_templates(files);
}

std::string render(const std::string& name, const ctemplate::TemplateDictionary& dict) {
  return templating::render(name, dict);
}

std::string render_page(const std::string& page_template, ctemplate::TemplateDictionary& page,
                        const PageMeta& meta) {
  // The page is rendered by its own auto-escaped template, then placed in the layout
  // through {{CONTENT:none}}: the only unescaped variable, and it holds template output.
  const std::string nonce = new_nonce();
  page.SetValue("CSRF", "cp-csrf-" + nonce);  // per session: filled in by http::personalize
  // The page's own blocks <!--cp-if-{{MARK}}:RIGHT--> (an action the caller may not use).
  page.SetValue("MARK", nonce);
  std::string content = render(page_template, page);
  ctemplate::TemplateDictionary dict("layout");
  dict.SetValue("MARK", nonce);
  dict.SetValue("CONTENT", content);
  dict.SetValue("TITLE", meta.title);
  dict.SetValue("SITE_NAME", settings().name);
  dict.SetValue("VERSION", settings().version);
  if (settings().state_operator)
    dict.ShowSection("STATE_OPERATOR");
  else
    dict.ShowSection("NOT_STATE_OPERATOR");
  if (!meta.nav.empty()) dict.ShowSection("NAV_" + meta.nav);
  if (!meta.flash.empty()) dict.SetValueAndShowSection("FLASH", meta.flash, "HAS_FLASH");
  if (!meta.flash_error.empty())
    dict.SetValueAndShowSection("FLASH_ERROR", meta.flash_error, "HAS_FLASH_ERROR");
  if (!meta.breadcrumb.empty()) {
    dict.ShowSection("HAS_BREADCRUMB");
    for (std::size_t i = 0; i < meta.breadcrumb.size(); ++i) {
      auto* b =
          dict.AddSectionDictionary(i + 1 == meta.breadcrumb.size() ? "CRUMB_CURRENT" : "CRUMB");
      b->SetValue("LABEL", meta.breadcrumb[i].first);
      b->SetValue("HREF", meta.breadcrumb[i].second);
    }
  }
  return std::string(kMarkPrefix) + nonce + "-->" + render("layout.tpl", dict);
}

void set_site_settings(SiteSettings s) {
  settings() = std::move(s);
}
const SiteSettings& site_settings() {
  return settings();
}

}  // namespace carepilot::http
