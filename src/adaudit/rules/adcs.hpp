// AD CS escalations (ESC1 ... ESC15, as SpecterOps' "Certified Pre-Owned" and later work
// name them) computed once from the templates, the enterprise CAs and their rights, over
// the transitive group membership: the affected principals feed the rules (rules_adcs.cpp)
// and the edges feed the control paths.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "adaudit/model.hpp"

namespace carepilot::adaudit {

struct Context;

struct ExtraEdge {
  std::uint32_t from = kNone, to = kNone;
  std::uint8_t kind = 0;
};

struct EscResult {
  std::vector<std::uint32_t> principals;  // non-privileged principals that can abuse it
  std::vector<std::string> via;           // templates / CAs involved (names)
};

struct AdcsAnalysis {
  EscResult esc1, esc2, esc3, esc4, esc6, esc7, esc9, esc13, esc15;
  std::vector<std::uint32_t> esc10;  // domain controllers with a weak certificate mapping
  std::vector<ExtraEdge> edges;      // for the control graph
};

// Needs the context's privileged set and membership (call after they are computed).
AdcsAnalysis analyse_adcs(const Context& c);

// OIDs of the extended key usages the rules look for.
namespace eku {
inline constexpr std::string_view kClientAuth = "1.3.6.1.5.5.7.3.2";
inline constexpr std::string_view kSmartcardLogon = "1.3.6.1.4.1.311.20.2.2";
inline constexpr std::string_view kPkinitClient = "1.3.6.1.5.2.3.4";
inline constexpr std::string_view kAnyPurpose = "2.5.29.37.0";
inline constexpr std::string_view kRequestAgent = "1.3.6.1.4.1.311.20.2.1";
}  // namespace eku

}  // namespace carepilot::adaudit
