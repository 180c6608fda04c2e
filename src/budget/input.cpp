#include "budget/input.hpp"

#include <cmath>

namespace carepilot::budget {

using nlohmann::json;

namespace {

constexpr const char* kFields[] = {"total_eur", "digital_eur", "cyber_eur"};

// A page names the field by its label in place of the key ("Budget total : montant
// requis."): the reason never repeats it.
std::optional<std::int64_t> amount(const std::string& field, const std::string& text,
                                   std::vector<FieldError>& errors) {
  std::string t = text;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.erase(0, 1);
  if (t.empty()) {
    errors.push_back({field, "budget.amount_required", field + " : montant requis."});
    return std::nullopt;
  }
  if (t.front() == '-') {
    errors.push_back({field, "budget.negative", field + " : montant négatif refusé."});
    return std::nullopt;
  }
  auto cents = parse_euros(t);
  if (!cents) {
    errors.push_back({field, "budget.amount_invalid",
                      field +
                          " : montant en euros attendu, avec au plus deux décimales (par exemple "
                          "1\u00a0250\u00a0000,50\u00a0€)."});
    return std::nullopt;
  }
  return cents;
}

}  // namespace

Input input_from_form(int year, const FormFields& form) {
  Input in;
  in.year = year;
  auto get = [&](const char* k) {
    auto it = form.find(k);
    return it == form.end() ? std::string{} : it->second;
  };
  in.total_cents = amount("total_eur", get("total_eur"), in.format_errors);
  in.digital_cents = amount("digital_eur", get("digital_eur"), in.format_errors);
  in.cyber_cents = amount("cyber_eur", get("cyber_eur"), in.format_errors);
  std::string on = get("declared_on");
  if (!on.empty()) {
    in.declared_on = parse_date(on);
    if (!in.declared_on)
      in.format_errors.push_back({"declared_on", "budget.date_invalid",
                                  "declared_on : date invalide (AAAA-MM-JJ attendu)."});
  }
  return in;
}

Input input_from_json(int year, const json& body) {
  Input in;
  in.year = year;
  if (!body.is_object()) {
    in.format_errors.push_back(
        {"total_eur", "budget.amount_required", "total_eur : un objet JSON est attendu."});
    return in;
  }
  for (const char* field : kFields) {
    std::string text;
    if (body.contains(field)) {
      const auto& v = body[field];
      if (v.is_string())
        text = v.get<std::string>();
      else if (v.is_number_integer() || v.is_number_unsigned() || v.is_number_float())
        text = v.dump();  // "1234.5", "-3", "1e+20" (refused: exponent)
      else if (!v.is_null())
        text = "?";
    }
    auto cents = amount(field, text, in.format_errors);
    if (std::string(field) == "total_eur")
      in.total_cents = cents;
    else if (std::string(field) == "digital_eur")
      in.digital_cents = cents;
    else
      in.cyber_cents = cents;
  }
  if (body.contains("declared_on") && !body["declared_on"].is_null()) {
    if (body["declared_on"].is_string())
      in.declared_on = parse_date(body["declared_on"].get<std::string>());
    if (!in.declared_on)
      in.format_errors.push_back({"declared_on", "budget.date_invalid",
                                  "declared_on : date invalide (AAAA-MM-JJ attendu)."});
  }
  return in;
}

std::vector<FieldError> check(const Input& in, const Date& today) {
  std::vector<FieldError> errors;
  if (!declarable_year(in.year, today))
    errors.push_back(
        {"year", "budget.year_invalid",
         "year : année entre 2000 et " + std::to_string(last_declarable_year(today)) +
             " attendue (le budget d'une année se déclare une fois l'année commencée)."});
  errors.insert(errors.end(), in.format_errors.begin(), in.format_errors.end());
  auto too_large = [&](const char* field, const std::optional<std::int64_t>& c) {
    if (c && *c > kMaxCents) {
      errors.push_back(
          {field, "budget.amount_too_large",
           std::string(field) + " : montant trop élevé (1 000 milliards d'euros au plus)."});
      return true;
    }
    return false;
  };
  bool big = too_large("total_eur", in.total_cents);
  big = too_large("digital_eur", in.digital_cents) || big;
  big = too_large("cyber_eur", in.cyber_cents) || big;
  if (in.total_cents && *in.total_cents == 0)
    errors.push_back({"total_eur", "budget.total_zero", "total_eur : doit être supérieur à 0 €."});
  if (!big && in.total_cents && *in.total_cents > 0 && in.digital_cents) {
    if (*in.digital_cents > *in.total_cents)
      errors.push_back({"digital_eur", "budget.share_over_100",
                        "digital_eur : dépasse le budget total (part supérieure à 100 %)."});
    else if (in.cyber_cents && *in.digital_cents + *in.cyber_cents > *in.total_cents)
      errors.push_back({"cyber_eur", "budget.share_over_100",
                        "cyber_eur : ajouté au budget numérique, dépasse le budget total (part "
                        "supérieure à 100 %)."});
  }
  if (in.declared_on) {
    if (*in.declared_on > today)
      errors.push_back({"declared_on", "budget.date_in_future",
                        "declared_on : la date de déclaration est postérieure à aujourd'hui."});
    else if (in.declared_on->year() < std::chrono::year(2000))
      errors.push_back(
          {"declared_on", "budget.date_invalid", "declared_on : date antérieure à 2000."});
  }
  return errors;
}

}  // namespace carepilot::budget
