// TLS: certificate validity and issuer (ssl-cert), protocol versions and cipher grades
// (ssl-enum-ciphers). Thresholds in rules.yaml.
#include <algorithm>

#include "common/french.hpp"
#include "exposure/rules/rule.hpp"

namespace carepilot::exposure {

namespace {

std::string where(const Port& p) {
  return "port " + p.protocol + "/" + std::to_string(p.number);
}

std::string subject_of(const Certificate& c) {
  return c.subject.empty() ? std::string("sujet inconnu") : c.subject;
}

// Days from the analysis date to the certificate's last valid day (Paris calendar).
std::optional<int> days_left(const Context& ctx, const Certificate& c) {
  if (!c.present || !c.not_after_s) return std::nullopt;
  auto day = paris_date_of(*c.not_after_s);
  if (!day) return std::nullopt;
  return days_between(ctx.as_of, *day);
}

void expired(const Context& ctx, const RuleInfo& rule, const Host&, const Port& p,
             std::vector<Finding>& out) {
  auto d = days_left(ctx, p.cert);
  if (!d || *d >= 0) return;
  out.push_back({&rule, p.protocol, p.number, 0,
                 "Certificat expiré le " + format_french(*paris_date_of(*p.cert.not_after_s)) +
                     " (" + subject_of(p.cert) + "), " + where(p)});
}

void expiring(const Context& ctx, const RuleInfo& rule, const Host&, const Port& p,
              std::vector<Finding>& out) {
  auto d = days_left(ctx, p.cert);
  if (!d || *d < 0 || *d > ctx.data.expiring_days) return;
  out.push_back(
      {&rule, p.protocol, p.number, 0,
       "Certificat valable jusqu'au " + format_french(*paris_date_of(*p.cert.not_after_s)) + " (" +
           plural(*d, "jour restant", "jours restants") + ", seuil " +
           std::to_string(ctx.data.expiring_days) + ") : " + subject_of(p.cert) + ", " + where(p)});
}

void self_signed(const Context&, const RuleInfo& rule, const Host&, const Port& p,
                 std::vector<Finding>& out) {
  if (!p.cert.present || !p.cert.self_signed) return;
  out.push_back({&rule, p.protocol, p.number, 0,
                 "Certificat auto-signé (" + subject_of(p.cert) + "), " + where(p)});
}

void weak_protocol(const Context& ctx, const RuleInfo& rule, const Host&, const Port& p,
                   std::vector<Finding>& out) {
  std::string list;
  for (const auto& v : p.tls_scan.protocols)
    if (std::find(ctx.data.weak_protocols.begin(), ctx.data.weak_protocols.end(), v) !=
        ctx.data.weak_protocols.end())
      list += (list.empty() ? "" : ", ") + v;
  if (list.empty()) return;
  out.push_back({&rule, p.protocol, p.number, 0, "Versions acceptées : " + list + ", " + where(p)});
}

bool weak_grade(const Context& ctx, const std::string& g) {
  return std::find(ctx.data.weak_grades.begin(), ctx.data.weak_grades.end(), g) !=
         ctx.data.weak_grades.end();
}

void weak_ciphers(const Context& ctx, const RuleInfo& rule, const Host&, const Port& p,
                  std::vector<Finding>& out) {
  if (!p.tls_scan.present) return;
  std::vector<std::string> weak;
  for (const auto& [name, grade] : p.tls_scan.ciphers)
    if (weak_grade(ctx, grade)) weak.push_back(name + " (" + grade + ")");
  if (weak.empty() && !weak_grade(ctx, p.tls_scan.least_strength)) return;
  std::string detail =
      "Note la plus basse : " +
      (p.tls_scan.least_strength.empty() ? std::string("inconnue") : p.tls_scan.least_strength);
  if (!weak.empty()) {
    detail += " ; " +
              plural(static_cast<std::int64_t>(weak.size()), "suite faible", "suites faibles") +
              " : ";
    for (std::size_t i = 0; i < weak.size() && i < 5; ++i) detail += (i ? ", " : "") + weak[i];
    if (weak.size() > 5) detail += "…";
  }
  out.push_back({&rule, p.protocol, p.number, 0, detail + ", " + where(p)});
}

}  // namespace

std::vector<Rule> tls_rules() {
  return {{"tls-cert-expired", expired},
          {"tls-cert-expiring", expiring},
          {"tls-self-signed", self_signed},
          {"tls-weak-protocol", weak_protocol},
          {"tls-weak-ciphers", weak_ciphers}};
}

}  // namespace carepilot::exposure
