#include "incidents/report/declaration_export.hpp"

#include "common/date.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/pdf.hpp"

namespace carepilot::incidents {

nlohmann::json differences_json(const Declaration& d, const Declaration* previous) {
  nlohmann::json changes = nlohmann::json::array();
  if (previous)
    for (const auto& x : differences(default_declaration_form(), previous->content, d.content))
      changes.push_back({{"field", x.field},
                         {"label", std::string(field_label(x.field))},
                         {"change", x.kind},
                         {"change_label", code_label("incident_change." + x.kind)},
                         {"before", x.before},
                         {"after", x.after}});
  return {
      {"since_stage", previous ? nlohmann::json(previous->stage) : nlohmann::json()},
      {"since_submitted_at", previous ? nlohmann::json(previous->submitted_at) : nlohmann::json()},
      {"changes", changes}};
}

nlohmann::json declaration_json(const Incident& inc, const std::string& establishment_name,
                                const Declaration& d, const Declaration* previous) {
  nlohmann::json sections = nlohmann::json::array();
  for (const auto& s : default_declaration_form().sections) {
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& f : s.fields) {
      auto it = d.content.find(f.id);
      fields[f.id] = it == d.content.end() ? "" : it->second;
    }
    sections.push_back({{"id", s.id}, {"fields", fields}});
  }
  const auto* det = inc.detection();
  nlohmann::json j{
      {"incident",
       {{"id", inc.id}, {"title", inc.title}, {"detected_at", det ? utc_text(det->at) : ""}}},
      {"establishment", {{"finess", inc.finess}, {"name", establishment_name}}},
      {"stage", d.stage},
      {"status", d.submitted() ? "submitted" : "draft"},
      {"submitted_at", d.submitted() ? nlohmann::json(d.submitted_at) : nlohmann::json()},
      {"portal_reference", d.portal_reference},
      {"digest", d.digest},
      {"sections", sections}};
  if (default_declaration_form().stage_index(d.stage) > 0)
    j["differences"] = differences_json(d, previous);
  return j;
}

nlohmann::ordered_json declaration_form_json(const Incident& inc,
                                             const std::string& establishment_name,
                                             const Declaration& d, const Declaration* previous) {
  using J = nlohmann::ordered_json;
  const auto& form = default_declaration_form();
  auto shown = [&](const std::string& field, const std::string& v) {
    const auto* f = form.field(field);
    return f && f->date && !v.empty() ? french_date_text(v) : v;
  };
  std::string stage = code_label("incident_stage." + d.stage);
  J j;
  j["Formulaire"] = "Déclaration d'incident de sécurité des systèmes d'information au CERT Santé";
  j["Étape"] = stage;
  j["État"] = d.submitted() ? "transmise" : "brouillon, non transmise";
  if (d.submitted()) {
    j["Transmise le"] = paris_datetime(d.submitted_at);
    j["Référence du portail"] = d.portal_reference;
    j["Empreinte SHA-256"] = d.digest;
  }
  for (const auto& s : form.sections) {
    J section = J::object();
    if (s.id == form.sections.front().id) {
      section["Établissement"] = establishment_name;
      section["FINESS"] = inc.finess;
    }
    if (s.id == "description") {
      section["Incident"] = inc.title;
      const auto* det = inc.detection();
      section["Détection"] = det ? paris_datetime(det->at) : "";
    }
    for (const auto& f : s.fields) {
      auto it = d.content.find(f.id);
      section[std::string(field_label(f.id))] =
          shown(f.id, it == d.content.end() ? std::string() : it->second);
    }
    j[code_label("incident_section." + s.id)] = section;
  }
  if (previous && form.stage_index(d.stage) > 0) {
    J changes = J::array();
    for (const auto& x : differences(form, previous->content, d.content))
      changes.push_back({{"Rubrique", std::string(field_label(x.field))},
                         {"Changement", code_label("incident_change." + x.kind)},
                         {"Avant", shown(x.field, x.before)},
                         {"Après", shown(x.field, x.after)}});
    j["Changements depuis la " + code_label("incident_stage." + previous->stage)] = changes;
  }
  return j;
}

std::string declaration_pdf(const Incident& inc, const std::string& establishment_name,
                            const Declaration& d, const Declaration* previous) {
  const std::string stage = code_label("incident_stage." + d.stage);
  std::string title = stage;
  if (!title.empty())
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  title += " d'incident au CERT Santé";
  return pdf::render(title, establishment_name + " — " + inc.title, [&](pdf::Writer& w) {
    w.heading(title, 60);
    w.block(pdf::printable(establishment_name + " (FINESS " + inc.finess + ")"), "Sans Bold 11");
    w.block(pdf::printable("Incident : " + inc.title), "Sans 10");
    if (const auto* det = inc.detection())
      w.block("Détecté le " + paris_datetime(det->at), "Sans 10");
    if (d.submitted())
      w.block("Transmise le " + paris_datetime(d.submitted_at) + " — référence du portail : " +
                  pdf::printable(d.portal_reference) + "\nEmpreinte SHA-256 : " + d.digest,
              "Sans 9", 6);
    else
      w.block("Brouillon : cette étape n'est pas transmise.", "Sans Bold 10", 6);
    if (previous && default_declaration_form().stage_index(d.stage) > 0) {
      const auto& form = default_declaration_form();
      const std::string since = code_label("incident_stage." + previous->stage);
      w.heading("Changements depuis la " + since, 60);
      w.block("Rubriques dont le contenu diffère de la " + since + " transmise le " +
                  paris_datetime(previous->submitted_at) + ".",
              "Sans 9", 4);
      const auto changes = differences(form, previous->content, d.content);
      if (changes.empty()) {
        w.block("Aucune rubrique n'a changé depuis la " + since + ".", "Sans 10", 6);
      } else {
        auto shown = [&](const std::string& field, const std::string& v) {
          if (v.empty()) return std::string("—");
          const auto* f = form.field(field);
          return pdf::printable(f && f->date ? french_date_text(v) : v);
        };
        std::vector<std::vector<pdf::Cell>> rows;
        for (const auto& c : changes)
          rows.push_back({pdf::Cell(std::string(field_label(c.field))),
                          pdf::Cell(code_label("incident_change." + c.kind)),
                          pdf::Cell(shown(c.field, c.before)), pdf::Cell(shown(c.field, c.after))});
        w.table({"Rubrique", "Changement", "Avant", "Après"}, rows, {1, 0.8, 1.4, 1.4}, "Sans 9");
      }
    }
    for (const auto& s : default_declaration_form().sections) {
      w.heading(code_label("incident_section." + s.id), 60);
      std::vector<std::vector<pdf::Cell>> rows;
      for (const auto& f : s.fields) {
        auto it = d.content.find(f.id);
        std::string v = it == d.content.end() || it->second.empty() ? "—" : it->second;
        if (f.date && v != "—") v = french_date_text(v);
        rows.push_back({pdf::Cell(std::string(field_label(f.id))), pdf::Cell(pdf::printable(v))});
      }
      w.table({"Rubrique", "Contenu"}, rows, {1, 2.4}, "Sans 9");
    }
  });
}

}  // namespace carepilot::incidents
