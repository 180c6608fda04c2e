#include "identification/input.hpp"

#include <charconv>

#include "common/attachment.hpp"
#include "common/labels.hpp"
#include "http/json_numbers.hpp"
#include "identification/steps.hpp"

namespace carepilot::identification {

using nlohmann::json;

namespace {

std::string trimmed(std::string t) {
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.erase(0, 1);
  return t;
}

std::string get(const FormFields& f, const char* k) {
  auto it = f.find(k);
  return it == f.end() ? std::string{} : trimmed(it->second);
}

// A non-negative integer typed in a form; empty → nullopt with no error unless required.
std::optional<std::int64_t> integer(const std::string& field, const std::string& text,
                                    const char* code, bool required,
                                    std::vector<FieldError>& errors) {
  if (text.empty()) {
    if (required) errors.push_back({field, code, field + " : nombre requis."});
    return std::nullopt;
  }
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < 0 || v > 10'000'000) {
    errors.push_back({field, code, field + " : nombre entier positif ou nul attendu."});
    return std::nullopt;
  }
  return v;
}

std::optional<Date> date(const std::string& field, const std::string& text, const char* code,
                         std::vector<FieldError>& errors) {
  if (text.empty()) return std::nullopt;
  auto d = parse_date(text);
  if (!d) errors.push_back({field, code, field + " : date invalide (AAAA-MM-JJ attendu)."});
  return d;
}

// A JSON member as form text: strings as they are, integers written out, null/absent empty;
// anything else "?" (refused by the reader).
std::string member(const json& body, const char* k) {
  if (!body.is_object() || !body.contains(k) || body[k].is_null()) return {};
  const auto& v = body[k];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  return "?";
}

FormFields fields_of(const json& body, std::initializer_list<const char*> keys) {
  FormFields f;
  for (const char* k : keys) f[k] = member(body, k);
  return f;
}

}  // namespace

PopulationInput population_from_form(const FormFields& form) {
  PopulationInput in;
  in.kind = get(form, "population");
  if (auto h = integer("headcount", get(form, "headcount"), "identification.headcount_invalid",
                       true, in.format_errors))
    in.headcount = static_cast<int>(*h);
  return in;
}

PopulationInput population_from_json(const json& body) {
  http::require_numbers(body, {"headcount"});
  http::require_strings(body, {"population"});
  return population_from_form(fields_of(body, {"population", "headcount"}));
}

AccessPointInput access_point_from_form(const FormFields& form) {
  AccessPointInput in;
  in.name = get(form, "name");
  in.kind = get(form, "access_kind");
  in.location = get(form, "location");
  return in;
}

AccessPointInput access_point_from_json(const json& body) {
  http::require_strings(body, {"name", "access_kind", "location"});
  return access_point_from_form(fields_of(body, {"name", "access_kind", "location"}));
}

CellInput cell_from_form(const FormFields& form) {
  CellInput in;
  auto& e = in.format_errors;
  in.population = get(form, "population");
  in.access_point = get(form, "access_point");
  in.means = get(form, "means");
  // « Aucun accès » covers nobody: the count may be left empty.
  if (auto c = integer("covered", get(form, "covered"), "identification.covered_invalid",
                       in.means != kNoAccess, e))
    in.covered = static_cast<int>(*c);
  in.planned_means = get(form, "planned_means");
  in.planned_date =
      date("planned_date", get(form, "planned_date"), "identification.planned_date_invalid", e);
  in.homologation_date = date("homologation_date", get(form, "homologation_date"),
                              "identification.homologation_date_invalid", e);
  in.homologation_decision = get(form, "homologation_decision");
  in.homologation_reserves = get(form, "homologation_reserves");
  return in;
}

CellInput cell_from_json(const json& body) {
  http::require_numbers(body, {"covered"});
  http::require_strings(body,
                        {"population", "access_point", "means", "planned_means", "planned_date",
                         "homologation_date", "homologation_decision", "homologation_reserves"});
  return cell_from_form(fields_of(
      body, {"population", "access_point", "means", "covered", "planned_means", "planned_date",
             "homologation_date", "homologation_decision", "homologation_reserves"}));
}

StepInput step_from_form(const FormFields& form) {
  StepInput in;
  auto& e = in.format_errors;
  in.title = get(form, "title");
  in.owner = get(form, "owner");
  in.due = date("due", get(form, "due"), "identification.due_invalid", e);
  in.done_on = date("done_on", get(form, "done_on"), "identification.done_on_invalid", e);
  return in;
}

StepInput step_from_json(const json& body) {
  http::require_strings(body, {"title", "owner", "due", "done_on"});
  return step_from_form(fields_of(body, {"title", "owner", "due", "done_on"}));
}

DeclarationInput declaration_from_form(const FormFields& form) {
  DeclarationInput in;
  in.reached_on = date("reached_on", get(form, "reached_on"), "identification.reached_on_invalid",
                       in.format_errors);
  in.justification = get(form, "justification");
  return in;
}

DeclarationInput declaration_from_json(const json& body) {
  http::require_strings(
      body, {"objective", "reached_on", "justification", "file_name", "content_base64"});
  auto in = declaration_from_form(fields_of(body, {"reached_on", "justification"}));
  in.file_name = member(body, "file_name");
  try {
    in.bytes = files::base64_decode(member(body, "content_base64"));
  } catch (const std::invalid_argument&) {
    in.format_errors.push_back({"proof_document", "identification.proof_document_invalid",
                                "proof_document : content_base64 n'est pas du base64 valide."});
  }
  return in;
}

}  // namespace carepilot::identification
