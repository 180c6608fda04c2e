// Shared set-up of the assessment tests: a migrated database with two establishments.
#pragma once

#include <gtest/gtest.h>

#include "common/date.hpp"
#include "registry/repository.hpp"
#include "sample_files.hpp"

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

// A real PDF and PNG (attachments are opened by their readers).
inline std::string pdf_bytes() {
  static const std::string pdf = sample_pdf("Politique de sécurité du système d'information");
  return pdf;
}
inline std::string png_bytes() {
  return sample_png();
}

}  // namespace carepilot::testing
