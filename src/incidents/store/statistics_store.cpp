#include "incidents/store/statistics_store.hpp"

#include <cmath>

#include <soci/soci.h>

#include "common/xlsx.hpp"
#include "incidents/store/repository.hpp"
#include "store/scope_filter.hpp"

namespace carepilot::incidents {

std::vector<IncidentFacts> gather_facts(store::Database& db, const Scope& scope) {
  auto s = db.lease();
  store::ScopeFilter f(scope);
  std::vector<std::tuple<long long, long long, std::string>> rows;
  {
    long long id = 0, est = 0;
    std::string finess;
    soci::statement st(*s);
    st.exchange(soci::into(id));
    st.exchange(soci::into(est));
    st.exchange(soci::into(finess));
    f.bind(st);
    st.alloc();
    st.prepare(std::string("SELECT i.id, e.id, e.finess_et FROM incidents i JOIN establishments e "
                           "ON e.id = i.establishment_id WHERE i.withdrawn_at IS NULL") +
               store::kScopeFilterSql + " ORDER BY i.id");
    st.define_and_bind();
    if (st.execute(true)) do {
        rows.emplace_back(id, est, finess);
      } while (st.fetch());
  }
  std::vector<IncidentFacts> out;
  for (const auto& [id, est, finess] : rows) {
    auto inc = Repository::load_on(*s, est, finess, id);
    int declared = 0;
    long long key = id;
    *s << "SELECT COUNT(*) FROM incident_declarations WHERE incident_id = :i AND stage = "
          "'initial' AND submitted_at IS NOT NULL",
        soci::use(key), soci::into(declared);
    out.push_back({finess, inc.qualification, inc.events, declared > 0});
  }
  return out;
}

std::string statistics_xlsx(const std::vector<YearStatistics>& stats) {
  exports::Workbook wb;
  auto years = wb.sheet("Incidents par année");
  years.header({"Année", "Incidents", "Établissements concernés", "Établissements déclarants",
                "Incidents déclarés", "Part malveillante", "Délai médian de détection (heures)",
                "Délai médian de déclaration (heures)", "Durée médiane du mode dégradé (heures)",
                "Délai médian de rétablissement (heures)",
                "Incidents déclarés en France (CERT Santé)", "Remarque sur le chiffre national"},
               {8, 10, 14, 14, 12, 12, 18, 18, 18, 18, 20, 40});
  std::uint32_t r = 1;
  // Hours to the tenth (2 h 25 min reads 2.4, not 2.416666666666667).
  auto hours = [](const std::optional<std::int64_t>& s) { return std::round(*s / 360.0) / 10.0; };
  for (const auto& y : stats) {
    years.number(r, 0, y.year);
    years.number(r, 1, y.incidents);
    years.number(r, 2, y.establishments);
    years.number(r, 3, y.declaring_establishments);
    years.number(r, 4, y.declared);
    if (auto m = y.malicious_share()) years.share(r, 5, *m);
    // The four medians the page shows (issue 19 trial: detection and recovery were missing).
    if (y.median_to_detect) years.number(r, 6, hours(y.median_to_detect));
    if (y.median_to_declare) years.number(r, 7, hours(y.median_to_declare));
    if (y.median_degraded) years.number(r, 8, hours(y.median_degraded));
    if (y.median_to_restore) years.number(r, 9, hours(y.median_to_restore));
    if (y.national) years.number(r, 10, *y.national);
    if (const auto* f = default_national_figures().year(y.year); f && !f->verified)
      years.text(r, 11, "à vérifier : " + f->source);
    ++r;
  }
  years.freeze_header();
  // One sheet per breakdown the page charts: threat type, impact on functioning, patient
  // endangerment (issue 19 trial: the last two were on the page only).
  auto breakdown = [&](const char* name, const char* column, const char* dimension,
                       std::map<std::string, int> YearStatistics::*counts) {
    auto sheet = wb.sheet(name);
    sheet.header({"Année", column, "Incidents"}, {8, 36, 10});
    std::uint32_t row = 1;
    for (const auto& y : stats)
      for (const auto& [code, n] : y.*counts) {
        sheet.number(row, 0, y.year);
        sheet.text(row, 1, code == "to_qualify" ? "à qualifier" : label(dimension, code));
        sheet.number(row, 2, n);
        ++row;
      }
    sheet.freeze_header();
  };
  breakdown("Types de menace", "Type de menace", "threat", &YearStatistics::threats);
  breakdown("Impact sur le fonctionnement", "Impact sur le fonctionnement", "functioning",
            &YearStatistics::functioning);
  breakdown("Mise en danger des patients", "Mise en danger des patients", "endangerment",
            &YearStatistics::endangerment);
  return wb.bytes();
}

}  // namespace carepilot::incidents
