// Shared set-up of the exercise tests: a migrated database with two establishments, the
// evidence, PAQ and exercise repositories, and helpers to read what was stored.
#pragma once

#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "evidence/repository.hpp"
#include "exercises/repository.hpp"
#include "referential/loader.hpp"
#include "registry/repository.hpp"
#include "test_db.hpp"

namespace carepilot::testing {

inline registry::EstablishmentInput exercise_establishment(const std::string& finess,
                                                           const std::string& name) {
  registry::EstablishmentInput in;
  in.finess_et = finess;
  in.finess_ej = finess;
  in.name = name;
  in.type = "ch";
  in.department = "49";
  in.services = {"urgences"};
  return in;
}

inline Date day(const char* text) {
  return *parse_date(text);
}

inline exercises::ExerciseInput plan(const std::string& date,
                                     const std::string& scenario = "ransomware") {
  return {"Exercice rançongiciel",
          date,
          scenario,
          "table_top",
          "Tester la cellule de crise.",
          {{"direction", 2, "Mme Directrice"}, {"it", 3, ""}}};
}

// Runs `f`, expecting a UserError with `status` whose first field is `field`.
template <typename F>
std::string refused(F f, int status, const std::string& field) {
  try {
    f();
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), status) << e.what();
    if (!field.empty()) {
      EXPECT_FALSE(e.fields().empty()) << e.what();
      if (!e.fields().empty()) {
        EXPECT_EQ(e.fields()[0].field, field) << e.what();
      }
    }
    return e.what();
  }
  ADD_FAILURE() << "not refused";
  return {};
}

}  // namespace carepilot::testing
