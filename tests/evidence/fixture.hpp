// Shared set-up of the evidence tests: a migrated database with two establishments.
#pragma once

#include <gtest/gtest.h>

#include "evidence/repository.hpp"
#include "referential/loader.hpp"
#include "registry/repository.hpp"
#include "test_db.hpp"

namespace carepilot::testing {

inline registry::EstablishmentInput establishment_input(const std::string& finess,
                                                        const std::string& name,
                                                        std::vector<std::string> services) {
  registry::EstablishmentInput in;
  in.finess_et = finess;
  in.finess_ej = finess;
  in.name = name;
  in.type = "ch";
  in.department = "75";
  in.services = std::move(services);
  return in;
}

inline Date d(const char* text) {
  return *parse_date(text);
}

}  // namespace carepilot::testing
