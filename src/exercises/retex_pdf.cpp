#include "exercises/retex_pdf.hpp"

#include "common/french.hpp"
#include "common/pdf.hpp"
#include "common/text.hpp"

namespace carepilot::exercises {

namespace {

std::string french_date(const Date& d) {
  return french_date_text(format_date(d));
}

void write(pdf::Writer& w, const registry::Establishment& est, const Exercise& x) {
  w.block("Retour d'expérience (RETEX) — exercice de crise cyber", "Sans Bold 16", 0);
  w.block(est.name + " — FINESS " + est.finess_et, "Sans 11", 6);
  w.heading("L'exercice");
  w.block("Intitulé : " + x.title, "Sans 10");
  w.block("Date : " + french_date(x.date), "Sans 10");
  w.block("Scénario : " + x.scenario_label, "Sans 10");
  w.block("Format : " + std::string(format_label(x.format)), "Sans 10");
  w.block("État : " + std::string(status_label(x.status)), "Sans 10");
  w.block("Date du RETEX : " + (x.retex_date ? french_date(*x.retex_date) : std::string("—")),
          "Sans 10");
  w.block("Déclaration sur la plateforme nationale : " +
              (x.declared_on ? "le " + french_date(*x.declared_on) : std::string("non déclaré")),
          "Sans 10");
  if (!trim(x.objectives).empty()) {
    w.heading("Objectifs");
    w.block(x.objectives, "Sans 10");
  }
  w.heading("Participants");
  bool any = false;
  for (const auto& p : x.participants) {
    if (p.count == 0 && p.names.empty()) continue;
    any = true;
    w.block(std::string(function_label(p.function)) + " : " + french_integer(p.count) +
                (p.names.empty() ? "" : " (" + p.names + ")"),
            "Sans 10", 2, 10);
  }
  if (!any) w.block("Non renseignés.", "Sans 10");
  w.heading("Ce qui a fonctionné");
  w.block(trim(x.retex_worked).empty() ? "—" : x.retex_worked, "Sans 10");
  w.heading("Ce qui n'a pas fonctionné");
  w.block(trim(x.retex_failed).empty() ? "—" : x.retex_failed, "Sans 10");
  w.heading("Décisions");
  w.block(trim(x.retex_decisions).empty() ? "—" : x.retex_decisions, "Sans 10");
  w.heading("Points du RETEX et plan d'amélioration (PAQ)");
  if (x.items.empty()) w.block("Aucun point.", "Sans 10");
  for (const auto& i : x.items)
    w.block(std::to_string(i.n) + ". " + i.text + " — priorité " +
                std::string(paq::priority_label(i.priority)) + " — " +
                (i.action_id ? "action PAQ n° " + std::to_string(*i.action_id)
                             : std::string("pas encore au PAQ")),
            "Sans 10", 3, 10);
}

}  // namespace

std::string retex_pdf(const registry::Establishment& est, const Exercise& x) {
  return pdf::render("RETEX — " + x.title, "RETEX", [&](pdf::Writer& w) { write(w, est, x); });
}

}  // namespace carepilot::exercises
