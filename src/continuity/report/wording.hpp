// How the continuity register reads in French, shared by the continuity page, its workbook and
// its printable report (continuity_pdf.hpp): durations, shares, kinds, services, scopes,
// restore tests and the gap between a resource's required and measured recovery.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/date.hpp"
#include "continuity/model.hpp"
#include "continuity/rules/requirements.hpp"

namespace carepilot::continuity {

// A DMIA, PDMA, RTO or RPO in hours: « 4 heures », « 3 jours », « 1 semaine », « 1 mois »;
// none: « au-delà d'un mois ».
std::string hours_text(const std::optional<int>& h);
// A measured duration in the same units: « 45 minutes », « 6 heures », « 1 heure 5 minutes »,
// « 2 jours ».
std::string duration_text(double hours_value);
// A share in hundredths of a percent: « 12,5 % ».
std::string share_text(int hundredths);
// The gap between a resource's requirement and its last restore test, in words.
std::string gap_text(const Requirement& rq, const std::optional<Measured>& m);
// Whether that gap is a recovery slower, or a data loss larger, than required.
bool gap_exceeded(const Requirement& rq, const std::optional<Measured>& m);
// The label of a service code (data/catalog), else of the code (data/labels).
std::string service_label(const std::string& code);
// (code, label) of the activity kinds and of the resource kinds (data/labels).
const std::vector<std::pair<std::string, std::string>>& activity_kind_options();
const std::vector<std::pair<std::string, std::string>>& resource_kind_options();
// The label of `code` in `list`, else the code's label from data/labels.
std::string kind_label(const std::vector<std::pair<std::string, std::string>>& list,
                       const std::string& code);
// A plan's scope: « global », or its services' labels.
std::string plan_scope_text(const Plan& p);
// The RTO and the RPO required of a resource, in words: « aucune exigence (…) » when no activity
// using it has a validated BIA; « au-delà d'un mois » for a tolerance beyond the BIA scale's
// horizons (a validated BIA that finds no unacceptable impact within a month).
std::pair<std::string, std::string> rto_rpo_text(const Register& reg,
                                                 const std::map<long long, Requirement>& required,
                                                 std::int64_t resource_id);
// The last restore test of a resource in a sentence, « aucun » when never tested.
std::string restore_text(const RestoreTest* t);
// Whether a plan covers the mandatory « indisponibilité informatique » scenario, in words: « oui »;
// « non : ce plan ne compte pas pour le PCA/PRA exigé ni pour la part du GHT … » for a PCA, PRA
// or PCRA that does not (DNS/2025/12 action 4); « non » for a PCRI, which never counts.
std::string it_outage_text(const Plan& p);
// The scenarios a plan covers, as typed one per line, joined by commas (« Indisponibilité
// informatique, Cyberattaque »); blank lines dropped; "" when none was typed.
std::string scenarios_text(const Plan& p);
// Whether a PCA, PRA or PCRA lacks that scenario, so that it does not count.
bool lacks_it_outage(const Plan& p);
// The services involved in a plan test with the interruption observed for each against its
// DMIA, one line per service: « Urgences : interruption de 6 heures, DMIA de 4 heures —
// dépassée de 2 heures », « Paie : durée non relevée », « … (pas de BIA validé) ».
std::vector<std::string> test_service_lines(const Register& reg, const PlanTest& t);
// Whether one of them exceeded its DMIA.
bool test_dmia_exceeded(const Register& reg, const PlanTest& t);
// The earliest test planned and not yet held of the plan.
std::optional<Date> next_planned_test(const Register& reg, std::int64_t plan_id);

}  // namespace carepilot::continuity
