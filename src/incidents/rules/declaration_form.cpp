#include "incidents/rules/declaration_form.hpp"

#include "common/french.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/date.hpp"
#include "common/labels.hpp"
#include "incidents/rules/yaml_read.hpp"

namespace carepilot::incidents {

namespace form_detail {

constexpr std::size_t kMaxText = 4000;

std::size_t utf8_chars(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string value_of(const DeclarationContent& c, const std::string& key) {
  auto it = c.find(key);
  return it == c.end() ? "" : it->second;
}

}  // namespace form_detail

int DeclarationForm::stage_index(const std::string& stage) const {
  for (std::size_t i = 0; i < stages.size(); ++i)
    if (stages[i] == stage) return static_cast<int>(i);
  return -1;
}

const FormField* DeclarationForm::field(const std::string& id) const {
  for (const auto& s : sections)
    for (const auto& f : s.fields)
      if (f.id == id) return &f;
  return nullptr;
}

DeclarationForm parse_declaration_form(const std::string& yaml_text, const std::string& file) {
  using namespace catalog_detail;
  auto root = root_of(yaml_text, file);
  DeclarationForm f;
  f.source = text(file, root, "source");
  f.stages = codes(file, root, "stages");
  for (const auto& sn : list(file, root, "sections")) {
    FormSection sec;
    sec.id = text(file, sn, "id");
    for (const auto& fn : list(file, sn, "fields")) {
      FormField fld;
      fld.id = text(file, fn, "id");
      if (f.field(fld.id) || std::any_of(sec.fields.begin(), sec.fields.end(),
                                         [&](const FormField& x) { return x.id == fld.id; }))
        bad(file, fn, "champ « " + fld.id + " » en double");
      if (fn["kind"]) {
        const auto kind = text(file, fn, "kind");
        if (kind == "date")
          fld.date = true;
        else if (kind != "text")
          bad(file, fn["kind"], "« kind » : text ou date attendu");
      }
      const auto from = text(file, fn, "required_from");
      if (from != "never") {
        fld.required_from = f.stage_index(from);
        if (fld.required_from < 0)
          bad(file, fn["required_from"],
              "« required_from » : une étape de « stages » ou never attendu");
      }
      sec.fields.push_back(std::move(fld));
    }
    f.sections.push_back(std::move(sec));
  }
  return f;
}

const DeclarationForm& default_declaration_form() {
  static const DeclarationForm f = parse_declaration_form(
      catalog_detail::embedded("declaration_form.yaml"), "data/incidents/declaration_form.yaml");
  return f;
}

std::vector<FieldError> check_content(const DeclarationForm& f, const DeclarationContent& c) {
  std::vector<FieldError> errors;
  for (const auto& [k, v] : c) {
    const auto* fld = f.field(k);
    if (!fld) {
      errors.push_back({k, "incident.form_field_unknown",
                        "Champ « " + k + " » inconnu du formulaire de déclaration."});
      continue;
    }
    const std::string name(field_label(k));
    if (fld->date && !form_detail::blank(v) && !parse_date(v))
      errors.push_back({k, "incident.date_invalid",
                        name + " : date attendue au format AAAA-MM-JJ (par exemple 2026-11-29)."});
    if (form_detail::utf8_chars(v) > form_detail::kMaxText)
      errors.push_back({k, "incident.text_too_long", name + " : 4 000 caractères au plus."});
  }
  return errors;
}

std::vector<FieldError> future_dates(const DeclarationForm& f, const DeclarationContent& c,
                                     const std::string& today) {
  std::vector<FieldError> errors;
  const auto t = parse_date(today);
  if (!t) return errors;
  for (const auto& [k, v] : c) {
    const auto* fld = f.field(k);
    if (!fld || !fld->date) continue;
    const auto d = parse_date(v);
    if (d && *d > *t)
      errors.push_back({k, "incident.in_future",
                        std::string(field_label(k)) + " : la date (" + french_date_text(v) +
                            ") est postérieure à aujourd'hui (" + french_date_text(today) +
                            ") ; indiquez une date déjà passée."});
  }
  return errors;
}

std::vector<FieldError> missing_for(const DeclarationForm& f, const std::string& stage,
                                    const DeclarationContent& c) {
  std::vector<FieldError> errors;
  const int at = f.stage_index(stage);
  for (const auto& s : f.sections)
    for (const auto& fld : s.fields)
      if (fld.required_from >= 0 && at >= fld.required_from &&
          form_detail::blank(form_detail::value_of(c, fld.id)))
        errors.push_back({fld.id, "incident.field_required",
                          std::string(field_label(fld.id)) +
                              " : ce champ est requis pour transmettre la " +
                              code_label("incident_stage." + stage) + "."});
  return errors;
}

std::vector<Difference> differences(const DeclarationForm& f, const DeclarationContent& before,
                                    const DeclarationContent& after) {
  std::vector<Difference> out;
  for (const auto& s : f.sections)
    for (const auto& fld : s.fields) {
      auto a = form_detail::value_of(before, fld.id), b = form_detail::value_of(after, fld.id);
      if (form_detail::blank(a)) a.clear();
      if (form_detail::blank(b)) b.clear();
      if (a == b) continue;
      out.push_back({fld.id, a.empty() ? "added" : b.empty() ? "removed" : "changed", a, b});
    }
  return out;
}

std::string canonical_text(const std::string& stage, const DeclarationContent& c,
                           const std::string& submitted_at_utc, const std::string& reference) {
  nlohmann::json content = nlohmann::json::object();
  for (const auto& [k, v] : c) content[k] = v;  // std::map: sorted keys
  nlohmann::json j{{"stage", stage},
                   {"content", content},
                   {"submitted_at", submitted_at_utc},
                   {"portal_reference", reference}};
  return j.dump();  // nlohmann's object keeps keys sorted
}

}  // namespace carepilot::incidents
