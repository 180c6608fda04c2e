#include "exposure/report/html_report.hpp"

#include <ctemplate/template.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <tuple>
#include <vector>

#include "common/french.hpp"
#include "templating/templating.hpp"

namespace carepilot::exposure {

namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}  // namespace tpl

namespace {

void register_report_templates() {
  static std::once_flag once;
  std::call_once(once, [] { templating::register_templates(tpl::embedded_files()); });
}

template <typename Int>
void set_number(ctemplate::TemplateDictionary* d, const char* name, Int value) {
  d->SetValue(name, french_integer(static_cast<std::int64_t>(value)));
}

void exposure_rows(ctemplate::TemplateDictionary* d, const char* section,
                   const std::vector<ExposureRef>& v) {
  for (const auto& e : v) {
    auto* r = d->AddSectionDictionary(section);
    r->SetValue("ADDRESS", e.address);
    r->SetValue("PORT", e.protocol + "/" + std::to_string(e.port));
    r->SetValue("SERVICE", service_text(e.service, e.product, e.version));
  }
}

}  // namespace

std::string render_html(const Result& r, const Diff* diff, const HtmlOptions& o) {
  register_report_templates();
  ctemplate::TemplateDictionary dict("exposure_report");
  dict.SetValue("DATE", french_date_text(format_date(r.as_of)));
  if (!o.establishment.empty())
    dict.AddSectionDictionary("ESTABLISHMENT")->SetValue("NAME", o.establishment);
  set_number(&dict, "SCORE", r.score);
  // Each count under one name, the same as the terminal's and the platform page's: « hôtes
  // lus dans le scan » (r.hosts), of them « exposés » (at least one open port), « avec au
  // moins un constat »; the hosts listed under « Hôtes exposés » are the exposed ones.
  dict.SetIntValue("N_HOSTS", static_cast<long>(r.hosts.size()));
  dict.SetIntValue("N_HOSTS_OPEN", static_cast<long>(r.hosts_open));
  dict.SetIntValue("N_HOSTS_WITH_FINDINGS", static_cast<long>(r.hosts_with_findings));
  dict.SetIntValue("N_FINDINGS", static_cast<long>(r.findings));
  dict.SetIntValue("N_OPEN_PORTS", static_cast<long>(r.open_ports));
  dict.SetIntValue("N_HOSTS_DOWN", static_cast<long>(r.input.hosts_down));
  if (r.input.scan_from)
    dict.AddSectionDictionary("SCAN_TIME")
        ->SetValue("SCAN_FROM", paris_datetime(*r.input.scan_from));
  if (r.private_only) dict.ShowSection("PRIVATE_ONLY");
  if (r.hosts_private_ignored > 0)
    dict.AddSectionDictionary("PRIVATE_IGNORED")
        ->SetValue("TEXT", private_hosts_ignored_text(r.hosts_private_ignored));
  if (r.no_host_up) dict.ShowSection("NO_HOST_UP");
  for (std::size_t i = 0; i < kSeverities; ++i) {
    auto* s = dict.AddSectionDictionary("SEVERITY");
    s->SetValue("NAME", std::string(french_name(static_cast<Severity>(i))));
    s->SetValue("CODE", std::string(to_string(static_cast<Severity>(i))));
    set_number(s, "COUNT", r.by_severity[i]);
  }
  auto rules = r.rule_counts;  // the most severe rules first, then in the data's order
  std::stable_sort(rules.begin(), rules.end(), [](const auto& x, const auto& y) {
    return x.first->severity < y.first->severity;
  });
  for (const auto& [info, count] : rules) {
    if (count == 0) continue;
    auto* s = dict.AddSectionDictionary("RULE");
    s->SetValue("TITLE", info->title);
    s->SetValue("SEVERITY", std::string(french_name(info->severity)));
    s->SetValue("CODE", std::string(to_string(info->severity)));
    set_number(s, "COUNT", count);
    s->SetValue("RATIONALE", info->rationale);
    s->SetValue("REMEDIATION", info->remediation);
    s->SetValue("REFERENCES", info->references);
  }
  if (r.findings == 0) dict.ShowSection("NO_FINDING");
  // The most exposed hosts first (by their most severe finding, then the result's address
  // order), and in each the most severe findings first, then by port. Hosts with open ports
  // but no finding come last: their ports face the internet too (user trial: port 18083
  // missing from the report).
  std::vector<const HostResult*> exposed;
  for (const auto& h : r.hosts)
    if (!h.findings.empty() || !h.ports.empty()) exposed.push_back(&h);
  const auto worst = [](const HostResult& h) {
    if (h.findings.empty()) return kSeverities;
    auto w = Severity::low;
    for (const auto& f : h.findings) w = std::min(w, f.rule->severity);
    return static_cast<std::size_t>(w);
  };
  std::stable_sort(exposed.begin(), exposed.end(),
                   [&](const HostResult* x, const HostResult* y) { return worst(*x) < worst(*y); });
  std::size_t listed = 0;
  for (const HostResult* hp : exposed) {
    const auto& h = *hp;
    if (listed++ == o.max_hosts) {
      auto* t = dict.AddSectionDictionary("HOSTS_TRUNCATED");
      if (o.max_hosts == 1)
        t->ShowSection("FIRST_ONLY");
      else
        set_number(t->AddSectionDictionary("FIRST_N"), "SHOWN", o.max_hosts);
      break;
    }
    auto* hd = dict.AddSectionDictionary("HOST");
    std::string name = h.address;
    if (!h.hostnames.empty()) name += " (" + h.hostnames.front() + ")";
    hd->SetValue("NAME", name);
    set_number(hd, "HOST_SCORE", h.score);
    if (h.is_private) hd->ShowSection("PRIVATE");
    hd->ShowSection(h.findings.empty() ? "HOST_NO_FINDING" : "HOST_HAS_FINDINGS");
    std::vector<const Finding*> findings;
    for (const auto& f : h.findings) findings.push_back(&f);
    std::stable_sort(findings.begin(), findings.end(), [](const Finding* x, const Finding* y) {
      return std::tuple(x->rule->severity, x->port, x->protocol) <
             std::tuple(y->rule->severity, y->port, y->protocol);
    });
    for (const Finding* fp : findings) {
      const auto& f = *fp;
      auto* fd = hd->AddSectionDictionary("HOST_FINDING");
      fd->SetValue("PORT", f.protocol + "/" + std::to_string(f.port));
      fd->SetValue("TITLE", f.rule->title);
      fd->SetValue("SEVERITY", std::string(french_name(f.rule->severity)));
      fd->SetValue("CODE", std::string(to_string(f.rule->severity)));
      fd->SetValue("DETAIL", f.detail);
    }
    for (const auto& p : h.ports) {
      auto* pd = hd->AddSectionDictionary("HOST_PORT");
      pd->SetValue("PORT", p.protocol + "/" + std::to_string(p.number));
      pd->SetValue("SERVICE", service_name_text(p.service));
      std::string prod = p.product.empty() ? std::string("—") : p.product + " " + p.version;
      pd->SetValue("PRODUCT", prod);
      pd->SetValue("TLS", p.tls ? "oui" : "non");
    }
  }
  if (diff) {
    auto* d = dict.AddSectionDictionary("DIFF");
    d->SetValue("PREVIOUS_DATE", french_date_text(diff->previous_as_of));
    set_number(d, "PREVIOUS_SCORE", diff->previous_score);
    set_number(d, "NEW_SCORE", diff->score);
    d->SetIntValue("N_OPENED", static_cast<long>(diff->opened.size()));
    d->SetIntValue("N_CLOSED", static_cast<long>(diff->closed.size()));
    d->SetIntValue("N_CHANGED", static_cast<long>(diff->changed.size()));
    d->SetIntValue("N_NEW_FINDINGS", static_cast<long>(diff->new_findings.size()));
    d->SetIntValue("N_RESOLVED", static_cast<long>(diff->resolved_findings.size()));
    exposure_rows(d, "OPENED", diff->opened);
    exposure_rows(d, "CLOSED", diff->closed);
    if (diff->scope_differs()) {
      auto* sc = d->AddSectionDictionary("SCOPE_DIFFERS");
      sc->SetValue("TEXT", scope_text(*diff));
      if (!diff->not_covered.empty()) {
        auto* nc = sc->AddSectionDictionary("NOT_COVERED");
        exposure_rows(nc, "NOT_COVERED_ROW", diff->not_covered);
      }
    }
    for (const auto& c : diff->changed) {
      auto* row = d->AddSectionDictionary("CHANGED");
      row->SetValue("ADDRESS", c.address);
      row->SetValue("PORT", c.protocol + "/" + std::to_string(c.port));
      row->SetValue("BEFORE", c.before.empty() ? std::string("inconnue") : c.before);
      row->SetValue("AFTER", c.after.empty() ? std::string("inconnue") : c.after);
    }
  }
  for (const auto& s : r.input.sources) dict.AddSectionDictionary("SOURCE")->SetValue("NAME", s);
  for (const auto& s : r.input.scanners) dict.AddSectionDictionary("SCANNER")->SetValue("NAME", s);
  if (r.hosts_private_ignored > 0)
    dict.AddSectionDictionary("READ_PRIVATE_IGNORED")
        ->SetValue("TEXT", private_hosts_ignored_text(r.hosts_private_ignored));
  set_number(&dict, "WARNINGS_TOTAL", r.input.warnings.total());
  for (const auto& [kind, count] : r.input.warnings.by_kind) {
    auto* w = dict.AddSectionDictionary("WARNING_KIND");
    w->SetValue("WARNING_TEXT", warning_text(kind, count));
  }
  for (const auto& s : r.input.warnings.samples)
    dict.AddSectionDictionary("WARNING_SAMPLE")->SetValue("TEXT", s);
  return templating::render("exposure_report.tpl", dict);
}

}  // namespace carepilot::exposure
