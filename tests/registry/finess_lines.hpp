// Builds lines of the FINESS open-data layout for tests.
#pragma once

#include <string>
#include <vector>

#include "registry/demo.hpp"

namespace carepilot::testing {

// A "structureet" line with 32 fields.
inline std::string structureet(const std::string& et, const std::string& ej, const std::string& rs,
                               const std::string& dept, const std::string& categetab = "106",
                               const std::string& categagretab = "1102",
                               const std::string& acheminement = "75013 PARIS") {
  std::vector<std::string> f(32);
  f[0] = "structureet";
  f[1] = et;
  f[2] = ej;
  f[3] = rs;
  f[4] = rs + " LONG";
  f[12] = "056";
  f[13] = dept;
  f[14] = "DEPARTEMENT";
  f[15] = acheminement;
  f[18] = categetab;
  f[20] = categagretab;
  f[28] = "1990-01-01";
  std::string line;
  for (std::size_t i = 0; i < f.size(); ++i) line += (i ? ";" : "") + f[i];
  return line + "\n";
}

// A valid FINESS number for department `dept` (2 digits) and sequence `n`.
inline std::string finess_for(const std::string& dept, int n) {
  char body[16];
  std::snprintf(body, sizeof body, "%s%06d", dept.c_str(), n % 1000000);
  return registry::with_luhn_key(body);
}

}  // namespace carepilot::testing
