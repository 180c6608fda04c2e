#include <stdexcept>

#include "common/french.hpp"
#include "exposure/rules/rule.hpp"

namespace carepilot::exposure {

const std::vector<Rule>& all_rules() {
  static const std::vector<Rule> rules = [] {
    std::vector<Rule> all;
    for (auto family : {service_rules, tls_rules, web_rules, product_rules}) {
      auto part = family();
      all.insert(all.end(), part.begin(), part.end());
    }
    return all;
  }();
  return rules;
}

void check_port(const Context& ctx, const Host& host, const Port& port, std::vector<Finding>& out) {
  for (const auto& r : all_rules()) {
    const RuleInfo* info = ctx.data.rule(r.id);
    if (!info) throw std::logic_error(std::string("exposure rule without metadata: ") + r.id);
    r.check(ctx, *info, host, port, out);
  }
}

std::optional<Date> paris_date_of(std::int64_t unix_s) {
  // paris_datetime gives "30/11/2026 à 13 h 01": its date part is the Paris day.
  if (unix_s < -2208988800LL || unix_s > 253402300799LL) return std::nullopt;
  const std::string t = paris_datetime(unix_s);
  if (t.size() < 10) return std::nullopt;
  return parse_date(t.substr(6, 4) + "-" + t.substr(3, 2) + "-" + t.substr(0, 2));
}

std::string format_french(const Date& d) {
  return french_date_text(format_date(d));
}

}  // namespace carepilot::exposure
