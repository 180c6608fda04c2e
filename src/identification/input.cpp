#include "identification/input.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "common/attachment.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "http/json_body.hpp"
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

// A non-negative integer typed in a form; empty → nullopt with no error unless required. The
// app's own display format is read back: « 1 200 » (space, no-break or narrow no-break
// space between digits) is 1200.
std::optional<std::int64_t> integer(const std::string& field, const std::string& typed,
                                    const char* code, bool required,
                                    std::vector<FieldError>& errors) {
  if (typed.empty()) {
    if (required) errors.push_back({field, code, field + " : nombre requis."});
    return std::nullopt;
  }
  std::string text;
  for (std::size_t i = 0; i < typed.size();) {
    if (typed[i] == ' ') {
      ++i;
    } else if (typed.compare(i, 2, "\xC2\xA0") == 0) {
      i += 2;
    } else if (typed.compare(i, 3, "\xE2\x80\xAF") == 0) {
      i += 3;
    } else {
      text += typed[i++];
    }
  }
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  const bool digits = !text.empty() && std::all_of(text.begin(), text.end(),
                                                   [](char c) { return c >= '0' && c <= '9'; });
  if (digits && (ec == std::errc::result_out_of_range || v > kMaxHeadcount)) {
    errors.push_back({field, code, field + " : " + french_integer(kMaxHeadcount) + " au plus."});
    return std::nullopt;
  }
  if (ec != std::errc() || p != text.data() + text.size() || v < 0) {
    errors.push_back({field, code, field + " : nombre entier positif ou nul attendu."});
    return std::nullopt;
  }
  return v;
}

// A date typed as AAAA-MM-JJ (the date field and the API) or JJ/MM/AAAA (typed by hand). One
// message when it is not a date, in the user's terms: « date impossible ; format JJ/MM/AAAA ».
std::optional<Date> date(const std::string& field, const std::string& text, const char* code,
                         std::vector<FieldError>& errors) {
  if (text.empty()) return std::nullopt;
  auto d = parse_date(text);
  if (!d && text.size() == 10 && text[2] == '/' && text[5] == '/')
    d = parse_date(text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2));
  if (!d) errors.push_back({field, code, field + " : date impossible ; format JJ/MM/AAAA."});
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
  // An array, a number or null is no form (issue 15 trial: `[1,2]` was answered 422 « à
  // renseigner » for every field).
  if (!body.is_object())
    throw UserError(400, "request.malformed_json", "Le corps doit être un objet JSON.");
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
  http::require_known_members(body, {"population", "headcount"});
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
  http::require_known_members(body, {"name", "access_kind", "location"});
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
  in.homologation_means = get(form, "homologation_means");
  return in;
}

namespace {

// An id of the API (population_id, access_point_id): a positive integer, else 400.
std::optional<std::int64_t> id_member(const json& body, const char* k) {
  if (!body.contains(k) || body[k].is_null()) return std::nullopt;
  const auto& v = body[k];
  if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) {
    const std::string name(k);
    const std::string message =
        label_of(name.substr(0, name.size() - 3)) + " : identifiant entier attendu.";
    throw UserError(400, "request.bad_parameter", message, {{k, "request.bad_parameter", message}});
  }
  return v.get<std::int64_t>();
}

UserError unknown_field(const std::string& key, const std::string& why) {
  const std::string message = "« " + key + " » : " + why;
  return UserError(400, "request.unknown_field", message,
                   {{key, "request.unknown_field", message}});
}

}  // namespace

void check_cell_members(const json& body) {
  if (!body.is_object())
    throw UserError(400, "request.malformed_json", "Le corps doit être un objet JSON.");
  static const std::set<std::string> writable{"population",
                                              "population_id",
                                              "access_point",
                                              "access_point_id",
                                              "means",
                                              "covered",
                                              "planned_means",
                                              "planned_date",
                                              "homologation",
                                              "homologation_date",
                                              "homologation_decision",
                                              "homologation_reserves",
                                              "homologation_means"};
  static const std::set<std::string> read_only{"status", "reason", "rules_failed", "uncovered"};
  for (const auto& [k, v] : body.items()) {
    if (read_only.count(k))
      throw unknown_field(k,
                          "membre calculé par carepilot (verdict du croisement), non "
                          "modifiable ; retirez-le du corps.");
    if (!writable.count(k))
      throw unknown_field(k,
                          "membre inconnu d'un croisement ; membres modifiables : population "
                          "ou population_id, access_point ou access_point_id, means, covered, "
                          "planned_means, planned_date, homologation.");
  }
  if (body.contains("homologation") && !body["homologation"].is_null()) {
    const auto& h = body["homologation"];
    if (!h.is_object()) {
      const std::string message = std::string(field_label("homologation_date")) +
                                  " : l'homologation est un objet (commission_date, decision, "
                                  "reserves, means) ou null.";
      throw UserError(400, "request.bad_parameter", message,
                      {{"homologation", "request.bad_parameter", message}});
    }
    for (const auto& [k, v] : h.items())
      if (k != "commission_date" && k != "decision" && k != "reserves" && k != "means")
        throw unknown_field("homologation." + k,
                            "membre inconnu de l'homologation ; membres : commission_date, "
                            "decision, reserves, means.");
    for (const char* flat : {"homologation_date", "homologation_decision", "homologation_reserves",
                             "homologation_means"})
      if (body.contains(flat))
        throw unknown_field(flat,
                            "l'homologation est donnée par l'objet homologation ; ne "
                            "l'envoyez pas aussi à plat.");
  }
}

CellInput cell_from_json(const json& body) {
  check_cell_members(body);
  // The shape GET returns: homologation {commission_date, decision, reserves}; the flat
  // members of earlier clients read the same.
  json flat = body;
  if (body.contains("homologation")) {
    flat.erase("homologation");
    const auto& h = body["homologation"];
    if (h.is_object()) {
      if (h.contains("commission_date")) flat["homologation_date"] = h["commission_date"];
      if (h.contains("decision")) flat["homologation_decision"] = h["decision"];
      if (h.contains("reserves")) flat["homologation_reserves"] = h["reserves"];
      if (h.contains("means")) flat["homologation_means"] = h["means"];
    }
  }
  try {
    http::require_numbers(flat, {"covered"});
  } catch (const UserError& e) {
    // Named by the form's label, « Personnes couvertes par ce moyen ».
    const std::string message =
        label_of("covered") + " : un nombre est attendu, pas un texte entre guillemets.";
    throw UserError(e.status(), e.code(), message, {{"covered", e.code(), message}});
  }
  http::require_strings(flat, {"population", "access_point", "means", "planned_means",
                               "planned_date", "homologation_date", "homologation_decision",
                               "homologation_reserves", "homologation_means"});
  auto in = cell_from_form(
      fields_of(flat, {"population", "access_point", "means", "covered", "planned_means",
                       "planned_date", "homologation_date", "homologation_decision",
                       "homologation_reserves", "homologation_means"}));
  in.population_id = id_member(body, "population_id");
  in.access_point_id = id_member(body, "access_point_id");
  return in;
}

std::size_t characters(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string label_of(std::string_view field) {
  if (field == "covered") return "Personnes couvertes par ce moyen";
  return std::string(field_label(field));
}

UserError refused(std::vector<FieldError> errors, std::initializer_list<std::string_view> order) {
  auto rank = [&](const FieldError& e) {
    std::size_t i = 0;
    for (auto f : order) {
      if (f == e.field) return i;
      ++i;
    }
    return order.size();
  };
  std::stable_sort(errors.begin(), errors.end(),
                   [&](const FieldError& a, const FieldError& b) { return rank(a) < rank(b); });
  for (auto& e : errors) {
    const std::string key = e.field + " : ";
    if (e.message.rfind(key, 0) == 0 && e.field == "covered")
      e.message = label_of(e.field) + " : " + e.message.substr(key.size());
    e.message = page_message(e);
  }
  return UserError::invalid(std::move(errors));
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
  http::require_known_members(body, {"title", "owner", "due", "done_on"});
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
  http::require_known_members(
      body, {"objective", "reached_on", "justification", "file_name", "content_base64"});
  http::require_strings(
      body, {"objective", "reached_on", "justification", "file_name", "content_base64"});
  auto in = declaration_from_form(fields_of(body, {"reached_on", "justification"}));
  in.file_name = member(body, "file_name");
  try {
    in.bytes = files::base64_decode(member(body, "content_base64"));
  } catch (const std::invalid_argument&) {
    in.format_errors.push_back({"proof_document", "identification.proof_document_invalid",
                                "proof_document : le contenu envoyé n'est pas du base64 valide."});
  }
  return in;
}

}  // namespace carepilot::identification
