// One exposure rule = its metadata (data/exposure/rules.yaml) + a check on one open port of
// a host. Rules are small units grouped by family (rules_*.cpp); all_rules() lists them in
// a stable order, and the data must describe exactly these rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "exposure/data.hpp"
#include "exposure/model.hpp"

namespace carepilot::exposure {

// What a rule may read besides the port: the data and the analysis date.
struct Context {
  const Data& data;
  Date as_of;  // Paris calendar day of the analysis
};

struct Finding {
  const RuleInfo* rule = nullptr;
  std::string protocol;
  std::uint16_t port = 0;
  std::uint32_t sighting = 0;  // set by the analysis: which reading of the port it came from
  std::string detail;          // French, one line
};

using Check = void (*)(const Context&, const RuleInfo&, const Host&, const Port&,
                       std::vector<Finding>&);

struct Rule {
  const char* id;
  Check check;
};

std::vector<Rule> service_rules();
std::vector<Rule> tls_rules();
std::vector<Rule> web_rules();
std::vector<Rule> product_rules();
const std::vector<Rule>& all_rules();

// Runs every rule on one port; the findings carry the rule metadata from `ctx.data`.
// Throws std::logic_error when a rule has no metadata in the data.
void check_port(const Context& ctx, const Host& host, const Port& port, std::vector<Finding>& out);

// The Paris calendar day of a Unix time (nullopt outside years 1900-9999).
std::optional<Date> paris_date_of(std::int64_t unix_s);
// "31/01/2027".
std::string format_french(const Date& d);

}  // namespace carepilot::exposure
