// Bundle validation: every refusal names the record and the field.
#include <gtest/gtest.h>

#include "helpers.hpp"

namespace carepilot::engine::testing {
namespace {

using nlohmann::json;

std::string refusal(const json& doc) {
  try {
    parse_bundle(doc, ref());
  } catch (const BundleError& e) {
    return e.what();
  }
  return "accepted";
}

json one(json evidence, json services = all_services(), std::string finess = "750712184") {
  auto e = establishment(std::move(evidence), std::move(services));
  e["finess"] = finess;
  return {{"establishments", {e}}};
}

struct Bad {
  const char* name;
  json doc;
  const char* expected;  // substring of the message
};

class BadBundle : public ::testing::TestWithParam<Bad> {};

TEST_P(BadBundle, IsRefusedNamingTheField) {
  auto msg = refusal(GetParam().doc);
  EXPECT_NE(msg.find(GetParam().expected), std::string::npos) << msg;
}

INSTANTIATE_TEST_SUITE_P(
    Bundle, BadBundle,
    ::testing::Values(
        Bad{"unknown_type", one({{{"type", "drill"}, {"date", "2026-01-01"}}}),
            "establishments[0].evidence[0].type: type de preuve inconnu 'drill'"},
        Bad{"bad_finess_key", one(json::array(), all_services(), "750712185"),
            "establishments[0].finess: finess.invalid_key"},
        Bad{"short_finess", one(json::array(), all_services(), "75071218"),
            "establishments[0].finess: finess.invalid_length"},
        Bad{"negative_budget",
            one({{{"type", "budget_declaration"},
                  {"date", "2026-05-01"},
                  {"total_eur", 100},
                  {"digital_eur", -1}}}),
            "establishments[0].evidence[0].digital_eur: valeur négative"},
        Bad{"bia_service_not_run",
            one({{{"type", "bia"}, {"service", "pharmacie"}, {"date", "2026-05-01"}}},
                json::array({"urgences"})),
            "establishments[0].evidence[0].service: service 'pharmacie' non exploité"},
        Bad{"bad_date", one({{{"type", "ad_audit"}, {"date", "2026-02-30"}}}),
            "establishments[0].evidence[0].date: date"},
        Bad{"missing_date", one({{{"type", "ad_audit"}}}),
            "establishments[0].evidence[0].date: champ obligatoire"},
        Bad{"unknown_plan_kind",
            one({{{"type", "continuity_plan"}, {"kind", "pcx"}, {"date", "2026-01-01"}}}),
            "establishments[0].evidence[0].kind: valeur 'pcx' inconnue"},
        Bad{"trained_over_staff",
            one({{{"type", "training_coverage"},
                  {"date", "2026-01-01"},
                  {"staff", 10},
                  {"trained", 11}}}),
            "establishments[0].evidence[0].trained: dépasse staff"},
        Bad{"boolean_as_text",
            one({{{"type", "crisis_exercise"}, {"date", "2026-01-01"}, {"retex_in_paq", "yes"}}}),
            "establishments[0].evidence[0].retex_in_paq: true ou false"},
        Bad{"declared_before_held",
            one({{{"type", "crisis_exercise"},
                  {"date", "2026-01-10"},
                  {"declared_on", "2026-01-09"}}}),
            "establishments[0].evidence[0].declared_on"},
        Bad{"unknown_category",
            {{"establishments", {{{"finess", "750712184"}, {"category", "hopital"}}}}},
            "establishments[0].category: catégorie inconnue 'hopital'"},
        Bad{"duplicate_finess",
            {{"establishments",
              {{{"finess", "750712184"}, {"category", "sanitaire"}},
               {{"finess", "750712184"}, {"category", "sanitaire"}}}}},
            "establishments[1].finess: FINESS déjà présent en establishments[0]"},
        Bad{"not_an_object", json::array(), "objet JSON"},
        Bad{"no_list", json::object(), "establishments"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Bundle, SyntaxErrorIsABundleError) {
  EXPECT_THROW(parse_bundle_text("{\"establishments\": [", ref()), BundleError);
}

TEST(Bundle, AcceptsTheIssueExampleAndNormalises) {
  auto b = parse_bundle_text(R"({"establishments": [{"finess": "2A0000001", "name": "CH Ajaccio",
      "category": "Sanitaire", "services": ["Urgences", "Radiologie", "urgences"],
      "evidence": [{"type": "continuity_plan", "kind": "PCRA", "date": "2025-06-12"},
                   {"type": "bia", "service": "imagerie", "date": "2026-01-01"}]}]})",
                             ref());
  const auto& e = b.establishments.at(0);
  EXPECT_EQ(e.establishment.category, "sanitaire");
  EXPECT_EQ(e.establishment.services, (std::vector<std::string>{"urgences", "imagerie"}));
  int kind = referential::field_index(EvidenceType::continuity_plan, "kind");
  int scope = referential::field_index(EvidenceType::continuity_plan, "scope");
  EXPECT_EQ(e.evidence[0].text_of(kind), "pcra");
  EXPECT_EQ(e.evidence[0].text_of(scope), "global");
}

TEST(Bundle, EvidenceAfterAsOfIsAcceptedAndIgnored) {
  auto r =
      run("pca-pra", "2025-05-01",
          json::array({{{"type", "continuity_plan"}, {"kind", "pca"}, {"date", "2030-01-01"}}}));
  EXPECT_EQ(r.status, Status::due);
  EXPECT_TRUE(r.evidence.empty());
}

}  // namespace
}  // namespace carepilot::engine::testing
