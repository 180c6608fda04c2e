#include "http/pagination.hpp"

#include <ctemplate/template.h>

#include <algorithm>

#include "http/templates.hpp"

namespace carepilot::http {

std::string page_link(const Request& req, const std::string& path, const std::string& key, int n,
                      const std::string& fragment) {
  std::string href = path + "?";
  for (const auto& [k, v] : req.query)
    if (k != key && !v.empty()) href += url_encode(k) + "=" + url_encode(v) + "&";
  return href + url_encode(key) + "=" + std::to_string(n) + fragment;
}

int page_number(const Request& req, const std::string& key) {
  try {
    if (auto v = req.q(key); !v.empty()) return std::clamp(std::stoi(v), 1, 1'000'000);
  } catch (const std::exception&) {
  }
  return 1;
}

int page_count(long long total, int per_page) {
  if (per_page < 1) per_page = 1;
  return static_cast<int>(std::max<long long>(1, (total + per_page - 1) / per_page));
}

std::string render_pagination(const Pagination& p) {
  const int pages = std::max(1, p.pages);
  if (pages <= 1) return "";
  const int page = std::clamp(p.page, 1, pages);
  ctemplate::TemplateDictionary d("pagination");
  d.SetValue("LABEL", p.label);
  d.SetIntValue("PAGE", page);
  d.SetIntValue("PAGES", pages);
  auto link = [&](const char* section, int n) {
    auto* s = d.AddSectionDictionary(section);
    s->SetValue("HREF", p.href(n));
    s->SetIntValue("N", n);
  };
  if (page > 1) {
    link("FIRST", 1);
    link("PREV", page - 1);
  } else {
    d.ShowSection("NO_FIRST");
    d.ShowSection("NO_PREV");
  }
  const int from = std::max(1, page - p.window), to = std::min(pages, page + p.window);
  if (from > 1) d.ShowSection("GAP_BEFORE");
  for (int n = from; n <= to; ++n) {
    auto* s = d.AddSectionDictionary("NUMBER");
    s->SetIntValue("N", n);
    if (n == page) {
      s->ShowSection("CURRENT");
    } else {
      s->AddSectionDictionary("OTHER")->SetValue("HREF", p.href(n));
    }
  }
  if (to < pages) d.ShowSection("GAP_AFTER");
  if (page < pages) {
    link("NEXT", page + 1);
    link("LAST", pages);
  } else {
    d.ShowSection("NO_NEXT");
    d.ShowSection("NO_LAST");
  }
  return render("pagination.tpl", d);
}

}  // namespace carepilot::http
