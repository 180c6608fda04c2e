// Administration interfaces from HTTP titles, products past their end of life, SMBv1, NTLM
// information leaks.
#include <algorithm>
#include <cctype>

#include "exposure/rules/rule.hpp"

namespace carepilot::exposure {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string where(const Port& p) {
  return "port " + p.protocol + "/" + std::to_string(p.number);
}

void admin_interface(const Context& ctx, const RuleInfo& rule, const Host&, const Port& p,
                     std::vector<Finding>& out) {
  if (p.http_title.empty()) return;
  const std::string title = lower(p.http_title);
  for (const auto& t : ctx.data.admin_titles) {
    if (title.find(t.pattern) == std::string::npos) continue;
    out.push_back(
        {&rule, p.protocol, p.number, 0,
         "titre de page « " + p.http_title.substr(0, 120) + " » : " + t.label + ", " + where(p)});
    return;
  }
}

void eol_match(const Context& ctx, const RuleInfo& rule, const Port& p, const std::string& product,
               const std::string& version, std::vector<Finding>& out) {
  if (product.empty() || version.empty()) return;
  const std::string prod = lower(product);
  const auto v = version_numbers(version);
  if (v.empty()) return;
  for (const auto& e : ctx.data.end_of_life) {
    if (prod.rfind(e.product, 0) != 0) continue;
    if (compare_versions(v, e.from) < 0 || compare_versions(v, e.before) >= 0) continue;
    if (ctx.as_of < e.end_of_life) continue;
    out.push_back({&rule, p.protocol, p.number, 0,
                   product + " " + version + " : " + e.label + ", fin de support le " +
                       format_french(e.end_of_life) + " (" + e.source + "), " + where(p)});
    return;
  }
}

void end_of_life(const Context& ctx, const RuleInfo& rule, const Host&, const Port& p,
                 std::vector<Finding>& out) {
  const auto before = out.size();
  eol_match(ctx, rule, p, p.product, p.version, out);
  if (out.size() == before)
    eol_match(ctx, rule, p, "Microsoft Windows", p.ntlm_product_version, out);
}

void smbv1(const Context&, const RuleInfo& rule, const Host&, const Port& p,
           std::vector<Finding>& out) {
  for (const auto& d : p.smb_dialects) {
    if (d.find("SMBv1") == std::string::npos && d.find("NT LM 0.12") == std::string::npos) continue;
    out.push_back({&rule, p.protocol, p.number, 0, "Dialecte « " + d + " » accepté, " + where(p)});
    return;
  }
}

void ntlm_leak(const Context&, const RuleInfo& rule, const Host&, const Port& p,
               std::vector<Finding>& out) {
  if (p.ntlm_domain.empty() && p.ntlm_computer.empty()) return;
  std::string d = "NTLM révèle";
  if (!p.ntlm_domain.empty()) d += " le domaine « " + p.ntlm_domain + " »";
  if (!p.ntlm_computer.empty())
    d +=
        std::string(p.ntlm_domain.empty() ? "" : " et") + " la machine « " + p.ntlm_computer + " »";
  if (!p.ntlm_product_version.empty()) d += " (Windows " + p.ntlm_product_version + ")";
  out.push_back({&rule, p.protocol, p.number, 0, d + ", " + where(p)});
}

}  // namespace

std::vector<Rule> web_rules() {
  return {{"admin-interface", admin_interface}};
}

std::vector<Rule> product_rules() {
  return {{"end-of-life", end_of_life}, {"smbv1", smbv1}, {"ntlm-info-leak", ntlm_leak}};
}

}  // namespace carepilot::exposure
