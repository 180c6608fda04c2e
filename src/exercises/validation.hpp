// Validation of exercise inputs, before anything is written. Every refusal is a UserError
// 422 whose fields name the faulty field and whose messages start with it ("retex_date : …").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "exercises/model.hpp"

namespace carepilot::exercises {

struct ValidExercise {
  std::string title;
  Date date{};
  std::string scenario;
  Format format = Format::table_top;
  std::string objectives;
  std::vector<Participants> participants;  // one per kFunctions entry
};

ValidExercise validate_exercise(const ExerciseInput& in, const std::vector<Scenario>& scenarios);
// `now_local` is "YYYY-MM-DDTHH:MM" used when `in.at` is empty.
LogEntry validate_log(const LogInput& in, const Date& exercise_date, const std::string& now_local,
                      const std::string& default_author);
Inject validate_inject(const InjectInput& in);
// Refuses a RETEX dated before the exercise (retex_date), after today (retex_date), or an
// exercise whose date is still to come (date).
Date validate_retex(const RetexInput& in, const Date& exercise_date, const Date& today);
RetexItem validate_item(const ItemInput& in);
Date validate_declared(const std::string& declared_on, const Date& exercise_date,
                       const Date& today);
struct ValidPaqOptions {
  std::string owner;
  std::optional<Date> due;
};
ValidPaqOptions validate_paq_options(const PaqOptions& in);
// A scenario code: 2-40 characters among a-z, 0-9 and '_'; a label of 1-100 characters.
void validate_scenario(const Scenario& s);

}  // namespace carepilot::exercises
