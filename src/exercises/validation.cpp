#include "exercises/validation.hpp"

#include <algorithm>
#include <regex>

#include "common/errors.hpp"
#include "common/text.hpp"

namespace carepilot::exercises {

namespace {

using Errors = std::vector<FieldError>;

void text_field(Errors& errors, const std::string& field, const std::string& value, std::size_t max,
                bool required) {
  if (required && trim(value).empty())
    errors.push_back({field, "exercises.required", field + " : ce champ est requis."});
  else if (value.size() > max || !valid_utf8(value))
    errors.push_back(
        {field, "exercises.too_long",
         field + " : " + std::to_string(max) + " caractères au plus, en UTF-8 valide."});
}

std::optional<Date> date_field(Errors& errors, const std::string& field, const std::string& value,
                               bool required) {
  std::string v = trim(value);
  if (v.empty()) {
    if (required)
      errors.push_back({field, "exercises.required", field + " : la date est requise."});
    return std::nullopt;
  }
  auto d = parse_date(v);
  if (!d || d->year() < std::chrono::year(2000) || d->year() > std::chrono::year(2100)) {
    errors.push_back(
        {field, "exercises.invalid_date", field + " : date invalide (AAAA-MM-JJ attendue)."});
    return std::nullopt;
  }
  return d;
}

void throw_if(const Errors& errors) {
  if (!errors.empty()) throw UserError::invalid(errors);
}

}  // namespace

ValidExercise validate_exercise(const ExerciseInput& in, const std::vector<Scenario>& scenarios) {
  Errors errors;
  ValidExercise v;
  text_field(errors, "title", in.title, 200, true);
  v.title = trim(in.title);
  auto d = date_field(errors, "date", in.date, true);
  if (d) v.date = *d;
  v.scenario = trim(in.scenario);
  if (std::none_of(scenarios.begin(), scenarios.end(),
                   [&](const Scenario& s) { return s.code == v.scenario; }))
    errors.push_back({"scenario", "exercises.unknown_scenario",
                      "scenario : scénario inconnu (choisir dans la liste)."});
  auto f = parse_format(trim(in.format));
  if (!f)
    errors.push_back({"format", "exercises.invalid_format",
                      "format : « table_top » (sur table) ou « live » (grandeur réelle)."});
  else
    v.format = *f;
  text_field(errors, "objectives", in.objectives, 10000, false);
  v.objectives = in.objectives;
  for (auto fn : kFunctions) v.participants.push_back({std::string(fn), 0, ""});
  for (const auto& p : in.participants) {
    auto it = std::find(kFunctions.begin(), kFunctions.end(), p.function);
    if (it == kFunctions.end()) {
      errors.push_back({"participants", "exercises.unknown_function",
                        "participants : fonction inconnue « " + p.function + " »."});
      continue;
    }
    auto& slot = v.participants[static_cast<std::size_t>(it - kFunctions.begin())];
    std::string field = "participants." + p.function;
    if (p.count < 0 || p.count > 10000)
      errors.push_back({field, "exercises.invalid_count",
                        field + " : nombre de participants entre 0 et 10 000."});
    text_field(errors, field, p.names, 2000, false);
    slot.count = p.count;
    slot.names = trim(p.names);
  }
  throw_if(errors);
  return v;
}

LogEntry validate_log(const LogInput& in, const Date& exercise_date, const std::string& now_local,
                      const std::string& default_author) {
  Errors errors;
  LogEntry e;
  text_field(errors, "text", in.text, 5000, true);
  text_field(errors, "author", in.author, 200, false);
  e.text = trim(in.text);
  e.author = trim(in.author).empty() ? default_author : trim(in.author);
  std::string at = trim(in.at);
  static const std::regex hhmm("([01][0-9]|2[0-3]):[0-5][0-9]");
  static const std::regex iso(
      "[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?"
      "(Z|[+-][0-9]{2}:[0-9]{2})?");
  if (at.empty())
    e.at = now_local;
  else if (std::regex_match(at, hhmm))
    e.at = format_date(exercise_date) + "T" + at;
  else if (std::regex_match(at, iso) && parse_date(at.substr(0, 10)))
    e.at = at;
  else
    errors.push_back({"at", "exercises.invalid_time",
                      "at : heure invalide (HH:MM ou AAAA-MM-JJTHH:MM attendue)."});
  throw_if(errors);
  return e;
}

Inject validate_inject(const InjectInput& in) {
  Errors errors;
  Inject i;
  std::string off = trim(in.offset_minutes);
  static const std::regex digits("[0-9]{1,5}");
  if (off.empty())
    i.offset_minutes = 0;
  else if (!std::regex_match(off, digits) || std::stoi(off) > 10080)
    errors.push_back({"offset_minutes", "exercises.invalid_offset",
                      "offset_minutes : un nombre de minutes entre 0 et 10 080 est attendu."});
  else
    i.offset_minutes = std::stoi(off);
  text_field(errors, "title", in.title, 200, true);
  text_field(errors, "description", in.description, 5000, false);
  i.title = trim(in.title);
  i.description = in.description;
  throw_if(errors);
  return i;
}

Date validate_retex(const RetexInput& in, const Date& exercise_date, const Date& today) {
  Errors errors;
  auto d = date_field(errors, "retex_date", in.retex_date, true);
  if (d && *d < exercise_date)
    errors.push_back({"retex_date", "exercises.retex_before_exercise",
                      "retex_date : le RETEX (" + format_date(*d) +
                          ") ne peut pas précéder l'exercice (" + format_date(exercise_date) +
                          ")."});
  else if (d && *d > today)
    errors.push_back({"retex_date", "exercises.retex_in_future",
                      "retex_date : la date du RETEX est postérieure à aujourd'hui (" +
                          format_date(today) + ")."});
  if (exercise_date > today)
    errors.push_back({"date", "exercises.not_held",
                      "date : l'exercice (" + format_date(exercise_date) +
                          ") n'a pas encore eu lieu ; il ne peut pas être clôturé."});
  text_field(errors, "worked", in.worked, 20000, false);
  text_field(errors, "failed", in.failed, 20000, false);
  text_field(errors, "decisions", in.decisions, 20000, false);
  throw_if(errors);
  return *d;
}

RetexItem validate_item(const ItemInput& in) {
  Errors errors;
  RetexItem item;
  text_field(errors, "text", in.text, 300, true);
  item.text = trim(in.text);
  std::string p = trim(in.priority);
  if (!p.empty()) {
    auto parsed = paq::parse_priority(p);
    if (!parsed)
      errors.push_back(
          {"priority", "exercises.invalid_priority",
           "priority : priorité inconnue ; choisissez " + paq::priority_choices() + "."});
    else
      item.priority = *parsed;
  }
  throw_if(errors);
  return item;
}

Date validate_declared(const std::string& declared_on, const Date& exercise_date,
                       const Date& today) {
  Errors errors;
  auto d = date_field(errors, "declared_on", declared_on, true);
  if (d && *d < exercise_date)
    errors.push_back({"declared_on", "exercises.declared_before_exercise",
                      "declared_on : la déclaration ne peut pas précéder l'exercice (" +
                          format_date(exercise_date) + ")."});
  else if (d && *d > today)
    errors.push_back(
        {"declared_on", "exercises.declared_in_future",
         "declared_on : date postérieure à aujourd'hui (" + format_date(today) + ")."});
  throw_if(errors);
  return *d;
}

ValidPaqOptions validate_paq_options(const PaqOptions& in) {
  Errors errors;
  ValidPaqOptions v;
  text_field(errors, "owner", in.owner, 200, false);
  v.owner = trim(in.owner);
  v.due = date_field(errors, "due", in.due, false);
  throw_if(errors);
  return v;
}

void validate_scenario(const Scenario& s) {
  Errors errors;
  static const std::regex code("[a-z0-9_]{2,40}");
  if (!std::regex_match(s.code, code))
    errors.push_back(
        {"code", "exercises.invalid_code", "code : 2 à 40 caractères parmi a-z, 0-9 et « _ »."});
  text_field(errors, "label", s.label, 100, true);
  throw_if(errors);
}

}  // namespace carepilot::exercises
