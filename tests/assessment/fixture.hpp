// Shared set-up of the assessment tests: a migrated database with two establishments.
#pragma once

#include <gtest/gtest.h>

#include "common/date.hpp"
#include "registry/repository.hpp"

namespace carepilot::testing {

inline registry::EstablishmentInput assessment_establishment(const std::string& finess,
                                                             const std::string& name) {
  registry::EstablishmentInput in;
  in.finess_et = finess;
  in.finess_ej = finess;
  in.name = name;
  in.type = "ch";
  in.department = "75";
  in.services = {"urgences", "pharmacie"};
  return in;
}

inline Date day(const char* text) {
  return *parse_date(text);
}

// A minimal PDF and a PNG header.
inline std::string pdf_bytes() {
  return "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
}
inline std::string png_bytes() {
  return std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
}

}  // namespace carepilot::testing
