#include "continuity/store/input.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "common/errors.hpp"
#include "common/labels.hpp"
#include "continuity/messages.hpp"
#include "http/json_numbers.hpp"

namespace carepilot::continuity {

using nlohmann::json;
using UErr = carepilot::FieldError;

namespace {

std::string trimmed(std::string t) {
  while (!t.empty() &&
         (t.back() == ' ' || t.back() == '\t' || t.back() == '\r' || t.back() == '\n'))
    t.pop_back();
  std::size_t i = 0;
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
  return t.substr(i);
}

std::string get(const FormFields& f, const std::string& k) {
  auto it = f.find(k);
  return it == f.end() ? std::string{} : trimmed(it->second);
}

// An integer typed in a form; empty → nullopt.
std::optional<int> integer(const std::string& field, const std::string& text,
                           std::vector<UErr>& errors) {
  if (text.empty()) return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < -1'000'000 || v > 1'000'000) {
    errors.push_back(
        {field, "continuity." + field + "_invalid", labelled(field) + "nombre entier attendu."});
    return std::nullopt;
  }
  return v;
}

std::optional<double> decimal(const std::string& field, std::string text,
                              std::vector<UErr>& errors) {
  if (text.empty()) return std::nullopt;
  for (auto& c : text)
    if (c == ',') c = '.';
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() ||
      text.find_first_not_of("0123456789.-") != std::string::npos) {
    errors.push_back({field, "continuity." + field + "_invalid",
                      labelled(field) + "nombre attendu (par exemple 12,5)."});
    return std::nullopt;
  }
  return v;
}

std::optional<Date> date(const std::string& field, const std::string& text,
                         std::vector<UErr>& errors) {
  if (text.empty()) return std::nullopt;
  auto d = parse_date(text);
  if (!d)
    errors.push_back({field, "continuity." + field + "_invalid",
                      labelled(field) + "date invalide (JJ/MM/AAAA ou AAAA-MM-JJ attendu)."});
  return d;
}

bool checked(const std::string& v) {
  return v == "on" || v == "true" || v == "1" || v == "oui";
}

// A JSON member as form text: strings as they are, numbers written out, booleans "true" or
// "false", null or absent empty; anything else "?" (refused by the reader).
std::string member(const json& body, const char* k) {
  if (!body.is_object() || !body.contains(k) || body[k].is_null()) return {};
  const auto& v = body[k];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
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

// A JSON array member as form checkboxes "PREFIX.VALUE"; anything but an array of strings or
// integers is a format error on `field`.
void list_of(const json& body, const char* field, const std::string& prefix, FormFields& f,
             std::vector<UErr>& errors) {
  if (!body.is_object() || !body.contains(field) || body[field].is_null()) return;
  const auto& v = body[field];
  bool ok = v.is_array();
  if (ok)
    for (const auto& e : v) {
      if (e.is_string())
        f[prefix + "." + e.get<std::string>()] = "on";
      else if (e.is_number_integer())
        f[prefix + "." + e.dump()] = "on";
      else
        ok = false;
    }
  if (!ok)
    errors.push_back({field, std::string("continuity.") + field + "_invalid",
                      labelled(field) + "liste attendue."});
}

std::vector<std::string> checked_suffixes(const FormFields& form, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& [k, v] : form)
    if (k.size() > prefix.size() + 1 && k.compare(0, prefix.size() + 1, prefix + ".") == 0 &&
        checked(v))
      out.push_back(k.substr(prefix.size() + 1));
  return out;
}

}  // namespace

ResourceInput resource_from_form(const FormFields& form) {
  return {get(form, "name"), get(form, "resource_kind"), {}};
}
ResourceInput resource_from_json(const json& body) {
  return resource_from_form(fields_of(body, {"name", "resource_kind"}));
}

ActivityInput activity_from_form(const FormFields& form) {
  ActivityInput in;
  in.name = get(form, "name");
  in.kind = get(form, "activity_kind");
  in.service = get(form, "service");
  in.owner = get(form, "owner");
  in.share_percent = decimal("share_percent", get(form, "share_percent"), in.format_errors);
  for (const auto& id : checked_suffixes(form, "resource")) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(id.data(), id.data() + id.size(), v);
    if (ec != std::errc() || p != id.data() + id.size()) {
      in.format_errors.push_back({"resources", "continuity.resources_invalid",
                                  labelled("resources") + "ressource inconnue."});
      break;
    }
    in.resource_ids.push_back(v);
  }
  return in;
}
ActivityInput activity_from_json(const json& body) {
  http::require_numbers(body, {"share_percent"});
  auto f = fields_of(body, {"name", "activity_kind", "service", "owner", "share_percent"});
  std::vector<UErr> errors;
  list_of(body, "resources", "resource", f, errors);
  auto in = activity_from_form(f);
  in.format_errors.insert(in.format_errors.end(), errors.begin(), errors.end());
  return in;
}

BiaInput bia_from_form(const FormFields& form) {
  BiaInput in;
  auto& e = in.format_errors;
  for (const auto& [k, v] : form) {
    if (k.rfind("impact.", 0) != 0) continue;
    auto dot = k.find('.', 7);
    if (dot == std::string::npos) continue;
    auto cat = k.substr(7, dot - 7), hor = k.substr(dot + 1);
    auto text = trimmed(v);
    if (text.empty()) continue;  // missing: check_matrix names the cell
    int level = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), level);
    if (ec != std::errc() || p != text.data() + text.size())
      e.push_back({k, "continuity.impact_invalid", "Niveau d'impact : nombre entier attendu."});
    else
      in.impacts.levels[cat][hor] = level;
  }
  if (auto h = integer("dmia_hours", get(form, "dmia_hours"), e))
    in.dmia_override = Override{*h, get(form, "dmia_justification")};
  if (auto h = integer("pdma_hours", get(form, "pdma_hours"), e))
    in.pdma_override = Override{*h, get(form, "pdma_justification")};
  in.degraded_mode = get(form, "degraded_mode");
  in.autonomy_hours = integer("autonomy_hours", get(form, "autonomy_hours"), e);
  in.validated_by = get(form, "validated_by");
  in.validated_on = date("validated_on", get(form, "validated_on"), e);
  return in;
}
BiaInput bia_from_json(const json& body) {
  http::require_numbers(body, {"dmia_hours", "pdma_hours", "autonomy_hours"});
  auto f = fields_of(body, {"dmia_hours", "dmia_justification", "pdma_hours", "pdma_justification",
                            "degraded_mode", "autonomy_hours", "validated_by", "validated_on"});
  std::vector<UErr> errors;
  if (body.is_object() && body.contains("impacts") && !body["impacts"].is_null()) {
    const auto& m = body["impacts"];
    bool ok = m.is_object();
    if (ok)
      for (const auto& [cat, row] : m.items()) {
        if (!row.is_object()) {
          ok = false;
          continue;
        }
        for (const auto& [h, level] : row.items())
          f["impact." + cat + "." + h] = level.is_number_integer() ? level.dump() : "?";
      }
    if (!ok)
      errors.push_back({"impacts", "continuity.impacts_invalid",
                        labelled("impacts") + "objet attendu, {catégorie: {horizon: niveau}}."});
  }
  auto in = bia_from_form(f);
  in.format_errors.insert(in.format_errors.end(), errors.begin(), errors.end());
  return in;
}

PlanInput plan_from_form(const FormFields& form) {
  PlanInput in;
  auto& e = in.format_errors;
  in.kind = get(form, "plan_kind");
  in.title = get(form, "title");
  in.scope = get(form, "scope");
  in.services = checked_suffixes(form, "service");
  in.scenarios = get(form, "scenarios");
  in.covers_it_outage = checked(get(form, "covers_it_outage"));
  in.version = get(form, "plan_version");
  in.validated_by = get(form, "validated_by");
  in.validated_on = date("validated_on", get(form, "validated_on"), e);
  in.review_on = date("review_on", get(form, "review_on"), e);
  return in;
}
PlanInput plan_from_json(const json& body) {
  auto f = fields_of(body, {"plan_kind", "title", "scope", "scenarios", "covers_it_outage",
                            "plan_version", "validated_by", "validated_on", "review_on"});
  std::vector<UErr> errors;
  list_of(body, "services", "service", f, errors);
  auto cov = f["covers_it_outage"];
  if (!cov.empty() && cov != "true" && cov != "false")
    errors.push_back({"covers_it_outage", "continuity.covers_it_outage_invalid",
                      labelled("covers_it_outage") + "vrai ou faux attendu."});
  auto in = plan_from_form(f);
  in.format_errors.insert(in.format_errors.end(), errors.begin(), errors.end());
  return in;
}

PlanTestInput plan_test_from_form(const FormFields& form) {
  PlanTestInput in;
  auto& e = in.format_errors;
  in.held_on = date("held_on", get(form, "held_on"), e);
  in.planned_on = date("planned_on", get(form, "planned_on"), e);
  in.scenario = get(form, "scenario");
  in.observed_hours = integer("observed_hours", get(form, "observed_hours"), e);
  in.failures = get(form, "failures");
  // The services involved: a ticked box "test_service.ID" per activity, its interruption in
  // "test_service_hours.ID".
  const auto ticked = checked_suffixes(form, "test_service");
  // An interruption typed for a service left unticked would be lost: refused (trial).
  const std::string hours_prefix = "test_service_hours.";
  for (const auto& [k, v] : form)
    if (k.compare(0, hours_prefix.size(), hours_prefix) == 0 && !trimmed(v).empty() &&
        std::find(ticked.begin(), ticked.end(), k.substr(hours_prefix.size())) == ticked.end()) {
      e.push_back({"test_services", "continuity.test_service_unticked",
                   labelled("test_services") +
                       "une interruption est saisie pour un service qui n'est pas coché : cochez "
                       "le service ou effacez sa durée."});
      break;
    }
  for (const auto& id : ticked) {
    std::int64_t activity = 0;
    auto [p, ec] = std::from_chars(id.data(), id.data() + id.size(), activity);
    if (ec != std::errc() || p != id.data() + id.size()) {
      e.push_back({"test_services", "continuity.test_service_unknown",
                   labelled("test_services") + "activité inconnue dans cet établissement."});
      continue;
    }
    in.services.push_back(
        {activity, decimal("test_services", get(form, "test_service_hours." + id), e)});
  }
  return in;
}
PlanTestInput plan_test_from_json(const json& body) {
  http::require_numbers(body, {"observed_hours"});
  auto in = plan_test_from_form(
      fields_of(body, {"held_on", "planned_on", "scenario", "observed_hours", "failures"}));
  // "services": [{"activity_id": 3, "observed_hours": 5.5}, …]
  if (body.contains("services") && !body["services"].is_null()) {
    const auto& list = body["services"];
    bool ok = list.is_array();
    if (ok)
      for (const auto& s : list) {
        if (!s.is_object() || !s.contains("activity_id") || !s["activity_id"].is_number_integer() ||
            (s.contains("observed_hours") && !s["observed_hours"].is_null() &&
             !s["observed_hours"].is_number())) {
          ok = false;
          break;
        }
        std::optional<double> hours;
        if (s.contains("observed_hours") && !s["observed_hours"].is_null())
          hours = s["observed_hours"].get<double>();
        in.services.push_back({s["activity_id"].get<std::int64_t>(), hours});
      }
    if (!ok)
      in.format_errors.push_back(
          {"test_services", "continuity.test_services_invalid",
           labelled("test_services") +
               "liste attendue de {activity_id (entier), observed_hours (nombre ou null)}."});
  }
  return in;
}

RestoreTestInput restore_test_from_form(const FormFields& form) {
  RestoreTestInput in;
  auto& e = in.format_errors;
  in.held_on = date("restored_on", get(form, "restored_on"), e);
  in.restore_hours = decimal("restore_hours", get(form, "restore_hours"), e);
  in.data_loss_hours = decimal("data_loss_hours", get(form, "data_loss_hours"), e);
  in.checked_by = get(form, "checked_by");
  in.notes = get(form, "notes");
  return in;
}
RestoreTestInput restore_test_from_json(const json& body) {
  http::require_numbers(body, {"restore_hours", "data_loss_hours"});
  return restore_test_from_form(
      fields_of(body, {"restored_on", "restore_hours", "data_loss_hours", "checked_by", "notes"}));
}

}  // namespace carepilot::continuity
