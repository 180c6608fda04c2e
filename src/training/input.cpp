#include "training/input.hpp"

#include <set>

#include "common/french.hpp"
#include "common/text.hpp"

namespace carepilot::training {

using nlohmann::json;

namespace {

// The campaign kinds by their French labels, for a message.
std::string kind_choices() {
  std::vector<std::string_view> labels;
  for (auto k : kCampaignKinds) labels.push_back(kind_label(k));
  return french_choices(labels);
}

constexpr int kMaxCount = 1'000'000;
constexpr std::size_t kMaxCategories = 30, kNameMax = 100, kTitleMax = 300;

// Reads a count: "" → nullopt (absent); digits → value; anything else → error on `field`.
std::optional<int> count(const std::string& field, const std::string& raw,
                         std::vector<FieldError>& errors) {
  std::string t = trim(raw);
  if (t.empty()) return std::nullopt;
  if (t.front() == '-') {
    errors.push_back({field, "training.count_negative", field + " : nombre négatif refusé."});
    return std::nullopt;
  }
  if (t.find_first_not_of("0123456789") != std::string::npos || t.size() > 7 ||
      std::stol(t) > kMaxCount) {
    errors.push_back({field, "training.count_invalid",
                      field + " : nombre entier attendu (entre 0 et 1 000 000)."});
    return std::nullopt;
  }
  return static_cast<int>(std::stol(t));
}

// A JSON value as the text a form would carry ("" for null / absent, "?" for a wrong type).
std::string text_of(const json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key) || obj[key].is_null()) return {};
  const auto& v = obj[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  return "?";
}

std::string get(const FormFields& form, const std::string& k) {
  auto it = form.find(k);
  return it == form.end() ? std::string{} : it->second;
}

bool blank_row(const FormFields& form, int i) {
  auto s = std::to_string(i);
  for (const char* k : {"name_", "headcount_", "trained_", "initial_", "continuing_"})
    if (!trim(get(form, k + s)).empty()) return false;
  return true;
}

}  // namespace

std::vector<int> form_rows(const FormFields& form) {
  std::vector<int> rows;
  for (int i = 0; i < kFormRows; ++i)
    if (!blank_row(form, i)) rows.push_back(i);
  return rows;
}

CoverageInput coverage_from_form(int year, const FormFields& form) {
  CoverageInput in;
  in.year = year;
  for (int row : form_rows(form)) {
    auto s = std::to_string(row);
    std::string p = "categories[" + std::to_string(in.categories.size()) + "].";
    Category c;
    c.name = trim(get(form, "name_" + s));
    c.headcount = count(p + "headcount", get(form, "headcount_" + s), in.format_errors).value_or(0);
    c.trained = count(p + "trained", get(form, "trained_" + s), in.format_errors).value_or(0);
    c.trained_initial =
        count(p + "trained_initial", get(form, "initial_" + s), in.format_errors).value_or(0);
    c.trained_continuing =
        count(p + "trained_continuing", get(form, "continuing_" + s), in.format_errors).value_or(0);
    in.categories.push_back(c);
  }
  return in;
}

CoverageInput coverage_from_json(int year, const json& body) {
  CoverageInput in;
  in.year = year;
  if (!body.is_object() || !body.contains("categories") || !body["categories"].is_array()) {
    in.format_errors.push_back({"categories", "training.categories_required",
                                "categories : une liste de catégories de personnel est attendue."});
    return in;
  }
  const auto& list = body["categories"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& item = list[i];
    std::string p = "categories[" + std::to_string(i) + "].";
    Category c;
    if (item.is_object() && item.contains("name") && item["name"].is_string())
      c.name = trim(item["name"].get<std::string>());
    auto required = [&](const char* key, int& out) {
      auto v = count(p + key, text_of(item, key), in.format_errors);
      if (v)
        out = *v;
      else if (text_of(item, key).empty())
        in.format_errors.push_back(
            {p + key, "training.count_required", p + key + " : nombre entier requis."});
    };
    required("headcount", c.headcount);
    required("trained", c.trained);
    required("trained_initial", c.trained_initial);
    required("trained_continuing", c.trained_continuing);
    in.categories.push_back(c);
  }
  return in;
}

std::vector<FieldError> check(const CoverageInput& in, const Date& today) {
  std::vector<FieldError> errors;
  int this_year = static_cast<int>(today.year());
  if (in.year < 2000 || in.year > this_year)
    errors.push_back({"year", "training.year_invalid",
                      "year : année entre 2000 et " + std::to_string(this_year) +
                          " attendue (pas d'année future)."});
  if (in.categories.empty() && in.format_errors.empty())
    errors.push_back({"categories", "training.categories_required",
                      "categories : au moins une catégorie de personnel est requise."});
  if (in.categories.size() > kMaxCategories)
    errors.push_back(
        {"categories", "training.too_many_categories", "categories : 30 catégories au plus."});
  errors.insert(errors.end(), in.format_errors.begin(), in.format_errors.end());
  std::set<std::string> seen;
  std::int64_t staff = 0;
  for (std::size_t i = 0; i < in.categories.size(); ++i) {
    const auto& c = in.categories[i];
    std::string p = "categories[" + std::to_string(i) + "].";
    std::string who = c.name.empty() ? "" : " (" + c.name + ")";
    staff += c.headcount;
    if (c.name.empty())
      errors.push_back(
          {p + "name", "training.name_required", p + "name : le nom de la catégorie est requis."});
    else if (c.name.size() > kNameMax || !valid_utf8(c.name))
      errors.push_back({p + "name", "training.name_invalid",
                        p + "name : 100 caractères au plus, en UTF-8 valide."});
    else if (!seen.insert(fold_for_search(c.name)).second)
      errors.push_back({p + "name", "training.name_duplicate",
                        p + "name" + who + " : cette catégorie figure déjà dans la liste."});
    if (c.trained > c.headcount)
      errors.push_back({p + "trained", "training.trained_over_headcount",
                        p + "trained" + who + " : " + std::to_string(c.trained) +
                            " personnes formées pour un effectif de " +
                            std::to_string(c.headcount) +
                            " ; les personnes formées ne peuvent dépasser l'effectif."});
    if (c.trained_initial > c.trained)
      errors.push_back({p + "trained_initial", "training.initial_over_trained",
                        p + "trained_initial" + who +
                            " : la formation initiale ne peut concerner plus de personnes que "
                            "le nombre de personnes formées (" +
                            std::to_string(c.trained) + ")."});
    if (c.trained_continuing > c.trained)
      errors.push_back({p + "trained_continuing", "training.continuing_over_trained",
                        p + "trained_continuing" + who +
                            " : la formation continue ne peut concerner plus de personnes que "
                            "le nombre de personnes formées (" +
                            std::to_string(c.trained) + ")."});
    if (c.trained > c.trained_initial + c.trained_continuing && c.trained_initial <= c.trained &&
        c.trained_continuing <= c.trained && c.trained <= c.headcount)
      errors.push_back({p + "trained", "training.trained_without_training",
                        p + "trained" + who +
                            " : chaque personne formée a suivi une formation initiale ou "
                            "continue ; formées ≤ initiale + continue."});
  }
  if (!in.categories.empty() && in.format_errors.empty() && staff == 0)
    errors.push_back({"categories", "training.no_staff",
                      "categories : l'effectif total est nul ; saisissez au moins un effectif."});
  return errors;
}

CampaignInput campaign_from_form(const FormFields& form) {
  CampaignInput in;
  auto& c = in.campaign;
  std::string date = trim(get(form, "date"));
  if (!date.empty()) {
    auto d = parse_date(date);
    if (d) {
      c.date = *d;
      in.has_date = true;
    } else {
      in.format_errors.push_back(
          {"date", "training.date_invalid", "date : date invalide (AAAA-MM-JJ attendu)."});
    }
  }
  c.title = trim(get(form, "title"));
  auto kind = parse_kind(get(form, "kind"));
  if (kind) {
    c.kind = *kind;
    in.has_kind = true;
  }
  c.audience = trim(get(form, "audience"));
  c.targeted = count("targeted", get(form, "targeted"), in.format_errors);
  c.participants = count("participants", get(form, "participants"), in.format_errors);
  c.emails_sent = count("emails_sent", get(form, "emails_sent"), in.format_errors);
  c.clicks = count("clicks", get(form, "clicks"), in.format_errors);
  c.credentials = count("credentials", get(form, "credentials"), in.format_errors);
  c.reports = count("reports", get(form, "reports"), in.format_errors);
  return in;
}

CampaignInput campaign_from_json(const json& body) {
  FormFields form;
  if (body.is_object()) {
    for (const char* k : {"date", "title", "kind", "audience"})
      if (body.contains(k) && body[k].is_string()) form[k] = body[k].get<std::string>();
    for (const char* k :
         {"targeted", "participants", "emails_sent", "clicks", "credentials", "reports"})
      form[k] = text_of(body, k);
  }
  return campaign_from_form(form);
}

std::vector<FieldError> check(const CampaignInput& in, const Date& today) {
  std::vector<FieldError> errors;
  const auto& c = in.campaign;
  bool bad_date = false;
  for (const auto& e : in.format_errors) bad_date = bad_date || e.field == "date";
  if (!in.has_date && !bad_date)
    errors.push_back(
        {"date", "training.date_required", "date : la date de la campagne est requise."});
  if (in.has_date && (c.date.year() < std::chrono::year(2000) ||
                      c.date.year() > today.year() + std::chrono::years(1)))
    errors.push_back({"date", "training.date_invalid",
                      "date : une date entre 2000 et l'année prochaine est attendue."});
  if (c.title.empty())
    errors.push_back({"title", "training.title_required", "title : le titre est requis."});
  else if (c.title.size() > kTitleMax || !valid_utf8(c.title))
    errors.push_back(
        {"title", "training.title_invalid", "title : 300 caractères au plus, en UTF-8 valide."});
  if (!in.has_kind)
    errors.push_back({"kind", "training.kind_invalid",
                      "kind : type inconnu ; choisissez " + kind_choices() + "."});
  if (c.audience.size() > kTitleMax || !valid_utf8(c.audience))
    errors.push_back({"audience", "training.audience_invalid",
                      "audience : 300 caractères au plus, en UTF-8 valide."});
  errors.insert(errors.end(), in.format_errors.begin(), in.format_errors.end());
  if (c.participants && c.targeted && *c.participants > *c.targeted)
    errors.push_back({"participants", "training.participants_over_targeted",
                      "participants : " + std::to_string(*c.participants) + " participants pour " +
                          std::to_string(*c.targeted) +
                          " personnes ciblées ; les participants ne peuvent dépasser la cible."});
  if (in.has_kind && c.kind == CampaignKind::phishing) {
    if (!c.emails_sent)
      errors.push_back({"emails_sent", "training.emails_required",
                        "emails_sent : le nombre de courriels envoyés est requis pour une "
                        "simulation d'hameçonnage."});
    int sent = c.emails_sent.value_or(0);
    if (c.emails_sent && c.clicks && *c.clicks > sent)
      errors.push_back({"clicks", "training.clicks_over_sent",
                        "clicks : " + std::to_string(*c.clicks) + " clics pour " +
                            std::to_string(sent) +
                            " courriels envoyés ; les clics ne peuvent dépasser les envois."});
    if (c.credentials && c.clicks && *c.credentials > *c.clicks)
      errors.push_back({"credentials", "training.credentials_over_clicks",
                        "credentials : les saisies d'identifiants ne peuvent dépasser les clics."});
    if (c.credentials && !c.clicks)
      errors.push_back({"clicks", "training.clicks_required",
                        "clicks : le nombre de clics est requis quand des identifiants ont été "
                        "saisis."});
    if (c.emails_sent && c.reports && *c.reports > sent)
      errors.push_back({"reports", "training.reports_over_sent",
                        "reports : les signalements ne peuvent dépasser les courriels envoyés."});
  } else if (in.has_kind) {
    for (auto [name, v] :
         {std::pair{"emails_sent", c.emails_sent}, std::pair{"clicks", c.clicks},
          std::pair{"credentials", c.credentials}, std::pair{"reports", c.reports}})
      if (v)
        errors.push_back(
            {name, "training.phishing_only",
             std::string(name) + " : réservé aux simulations d'hameçonnage (type phishing)."});
  }
  return errors;
}

}  // namespace carepilot::training
