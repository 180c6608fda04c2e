// The staged declaration to the CERT Santé (issue 19): the form as data (sections of the
// official form, required fields per stage), drafts, submission refused while a required field
// is empty (named), frozen once submitted (date, portal reference, SHA-256), differences
// between stages, the timeline's « déclaration transmise » event, JSON and PDF exports — on
// both databases.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/labels.hpp"
#include "incidents/report/declaration_export.hpp"
#include "incidents/report/prefill.hpp"
#include "incidents/store/declarations.hpp"
#include "module_fixture.hpp"
#include "outputs.hpp"
#include "store/audit_log.hpp"
#include "test_db.hpp"

using namespace carepilot;
using namespace carepilot::incidents;
using carepilot::testing::audit_count;
using carepilot::testing::module_establishment;

namespace {

DeclarationContent full_initial() {
  return {{"declarant_name", "Claire Martin"},
          {"declarant_role", "RSSI"},
          {"declarant_contact", "rssi@ch-a.fr, 01 23 45 67 89"},
          {"observed_at", "2026-03-29"},
          {"perimeter", "Imagerie médicale"},
          {"systems", "PACS, serveurs de stockage"},
          {"data_concerned", "Images et comptes rendus"},
          {"handling_status", "Analyse en cours"}};
}

}  // namespace

TEST(IncidentsDeclarationForm, TheFormFollowsTheOfficialSectionsAndStages) {
  const auto& f = default_declaration_form();
  EXPECT_EQ(f.stages, (std::vector<std::string>{"initial", "complementary", "final"}));
  ASSERT_EQ(f.sections.size(), 4u);
  EXPECT_EQ(f.sections[0].id, "declarant");
  EXPECT_EQ(f.sections[1].id, "description");
  EXPECT_TRUE(f.field("observed_at")->date);
  EXPECT_EQ(f.field("causes")->required_from, -1);
  // Every field and section has its label.
  const auto fields = labelled_codes("fields");
  const auto codes = labelled_codes("codes");
  for (const auto& s : f.sections) {
    EXPECT_NE(std::find(codes.begin(), codes.end(), "incident_section." + s.id), codes.end())
        << s.id;
    for (const auto& x : s.fields)
      EXPECT_NE(std::find(fields.begin(), fields.end(), x.id), fields.end()) << x.id;
  }
  for (const auto& st : f.stages)
    EXPECT_NE(std::find(codes.begin(), codes.end(), "incident_stage." + st), codes.end()) << st;
}

TEST(IncidentsDeclarationForm, ABadFormIsRefusedWithFileLineAndReason) {
  std::ifstream in(std::string(CAREPILOT_DATA_DIR) + "/incidents/declaration_form.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  auto text = ss.str();
  auto err = [](const std::string& t) {
    try {
      parse_declaration_form(t, "d.yaml");
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(err(text), "");
  auto t = text;
  t.replace(t.find("required_from: complementary"), 28, "required_from: someday");
  EXPECT_NE(err(t).find("d.yaml:"), std::string::npos);
  EXPECT_NE(err(t).find("« required_from »"), std::string::npos) << err(t);
  t = text;
  t.replace(t.find("kind: date"), 10, "kind: colour");
  EXPECT_NE(err(t).find("text ou date"), std::string::npos) << err(t);
  t = text;
  t.replace(t.find("id: impact_people"), 17, "id: impact_data");
  EXPECT_NE(err(t).find("en double"), std::string::npos) << err(t);
}

TEST(IncidentsDeclarationForm, RequiredFieldsPerStageAndDifferences) {
  const auto& f = default_declaration_form();
  auto c = full_initial();
  EXPECT_TRUE(missing_for(f, "initial", c).empty());
  auto miss = missing_for(f, "complementary", c);
  ASSERT_EQ(miss.size(), 4u);
  EXPECT_EQ(miss[0].field, "impact_data");
  EXPECT_EQ(miss[0].code, "incident.field_required");
  EXPECT_EQ(miss[0].message.rfind(std::string(field_label("impact_data")), 0), 0u);
  c["perimeter"] = "  ";
  miss = missing_for(f, "initial", c);
  ASSERT_EQ(miss.size(), 1u);
  EXPECT_EQ(miss[0].field, "perimeter");
  auto diff = differences(f, full_initial(), c);
  ASSERT_EQ(diff.size(), 1u);
  EXPECT_EQ(diff[0].field, "perimeter");
  EXPECT_EQ(diff[0].kind, "removed");  // blank is empty
  EXPECT_EQ(diff[0].before, "Imagerie médicale");
  EXPECT_EQ(diff[0].after, "");
}

TEST(IncidentsDeclarationForm, DifferencesSayWhatWasAddedChangedOrRemovedInTheFormsOrder) {
  const auto& f = default_declaration_form();
  EXPECT_TRUE(differences(f, full_initial(), full_initial()).empty());
  EXPECT_TRUE(differences(f, {}, {}).empty());
  EXPECT_TRUE(differences(f, {{"causes", ""}}, {{"causes", " \n "}}).empty());  // blank both
  auto later = full_initial();
  later["causes"] = "Compte de prestataire compromis";            // added (absent before)
  later["handling_status"] = "Restauration terminée";             // changed
  later["systems"] = "";                                          // removed
  later["impact_data"] = "Images indisponibles pendant 3 jours";  // added
  auto diff = differences(f, full_initial(), later);
  ASSERT_EQ(diff.size(), 4u);
  // The form's order: description (systems, handling status), impacts, causes.
  EXPECT_EQ(diff[0].field, "systems");
  EXPECT_EQ(diff[0].kind, "removed");
  EXPECT_EQ(diff[0].before, full_initial().at("systems"));
  EXPECT_EQ(diff[0].after, "");
  EXPECT_EQ(diff[1].field, "handling_status");
  EXPECT_EQ(diff[1].kind, "changed");
  EXPECT_EQ(diff[1].before, full_initial().at("handling_status"));
  EXPECT_EQ(diff[1].after, "Restauration terminée");
  EXPECT_EQ(diff[2].field, "impact_data");
  EXPECT_EQ(diff[2].kind, "added");
  EXPECT_EQ(diff[2].before, "");
  EXPECT_EQ(diff[3].field, "causes");
  EXPECT_EQ(diff[3].kind, "added");
  // Every kind has its French label.
  EXPECT_EQ(code_label("incident_change.added"), "rubrique ajoutée");
  EXPECT_EQ(code_label("incident_change.changed"), "rubrique modifiée");
  EXPECT_EQ(code_label("incident_change.removed"), "rubrique vidée");
  // A field the form does not know is not a difference of the form.
  EXPECT_TRUE(differences(f, {}, {{"colour", "red"}}).empty());
}

TEST(IncidentsDeclarationForm, ChecksOfContent) {
  const auto& f = default_declaration_form();
  EXPECT_EQ(check_content(f, {{"observed_at", "29/03/2026"}}).at(0).code, "incident.date_invalid");
  EXPECT_EQ(check_content(f, {{"colour", "red"}}).at(0).code, "incident.form_field_unknown");
  // The API's message gives the format the API takes (issue 19 trial: it said JJ/MM/AAAA).
  const auto bad = check_content(f, {{"observed_at", "29/03/2026"}}).at(0).message;
  EXPECT_NE(bad.find("AAAA-MM-JJ"), std::string::npos) << bad;
  EXPECT_EQ(bad.find("JJ/MM/AAAA"), std::string::npos) << bad;
  // A date later than today is refused, named; today itself is not.
  auto future = future_dates(f, {{"observed_at", "2026-12-05"}}, "2026-12-04");
  ASSERT_EQ(future.size(), 1u);
  EXPECT_EQ(future[0].field, "observed_at");
  EXPECT_EQ(future[0].code, "incident.in_future");
  EXPECT_EQ(future[0].message.rfind("Date de constatation : ", 0), 0u) << future[0].message;
  // French dates in the message, for the API too (issue 19 trial: ISO dates).
  EXPECT_NE(future[0].message.find("(05/12/2026) est postérieure à aujourd'hui (04/12/2026)"),
            std::string::npos)
      << future[0].message;
  EXPECT_TRUE(future_dates(f, {{"observed_at", "2026-12-04"}}, "2026-12-04").empty());
  EXPECT_TRUE(future_dates(f, {{"perimeter", "2099-01-01"}}, "2026-12-04").empty());
}

namespace {

class IncidentsDeclarationsTest : public ::testing::TestWithParam<const char*> {
 protected:
  IncidentsDeclarationsTest()
      : db_(GetParam()),
        registry_(db_.db(), registry::Catalog::builtin()),
        repo_(db_.db(), registry_),
        decl_(db_.db(), registry_) {
    registry_.seed_regions();
    registry_.create(Scope::nation(), module_establishment("750712184", "CH A"));
    registry_.create(Scope::nation(), module_establishment("750100208", "CH B"));
    inc_ = repo_
               .create(Scope::nation(), "750712184",
                       {"Rançongiciel sur le PACS", "2026-03-29T01:30:00+01:00", ""}, actor_)
               .id;
  }
  UserError error_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const UserError& e) {
      return e;
    }
    return UserError(0, "", "");
  }
  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  Repository repo_;
  Declarations decl_;
  std::int64_t inc_ = 0;
  const Actor actor_{"rssi@ch-a.fr", "127.0.0.1", "req-1"};
};

}  // namespace

TEST_P(IncidentsDeclarationsTest, StagesAreDraftedSubmittedAndFrozen) {
  const auto n = Scope::nation();
  // A later stage waits for the initial one.
  auto e = error_of([&] { decl_.save(n, "750712184", inc_, "final", {}, actor_); });
  EXPECT_EQ(e.code(), "incident.stage_order");
  e = error_of([&] { decl_.save(n, "750712184", inc_, "draft", {}, actor_); });
  EXPECT_EQ(e.fields().at(0).field, "declaration_stage");

  auto c = full_initial();
  c.erase("systems");
  decl_.save(n, "750712184", inc_, "initial", c, actor_);
  // Refused while a required field is empty: named, and nothing changes.
  e = error_of(
      [&] { decl_.submit(n, "750712184", inc_, "initial", "2026-03-29T03:30+02:00", "", actor_); });
  EXPECT_EQ(e.status(), 422);
  ASSERT_EQ(e.fields().size(), 2u);
  EXPECT_EQ(e.fields()[0].field, "systems");
  EXPECT_EQ(e.fields()[1].field, "portal_reference");
  EXPECT_FALSE(decl_.list(n, "750712184", inc_).at(0).submitted());
  e = error_of([&] {
    decl_.submit(n, "750712184", inc_, "initial", "2026-03-29T01:00+01:00", "CS-1", actor_);
  });
  EXPECT_EQ(e.fields().at(0).field, "systems");
  EXPECT_EQ(e.fields().at(1).code, "incident.before_detection");

  decl_.save(n, "750712184", inc_, "initial", {{"systems", "PACS"}}, actor_);
  auto d = decl_.submit(n, "750712184", inc_, "initial", "2026-03-29T03:30+02:00", "CS-2026-0042",
                        actor_);
  EXPECT_EQ(d.submitted_at, "2026-03-29T01:30:00Z");
  EXPECT_EQ(d.digest, store::sha256_hex(
                          canonical_text("initial", d.content, d.submitted_at, "CS-2026-0042")));
  EXPECT_EQ(d.digest.size(), 64u);
  EXPECT_EQ(audit_count(db_.db(), "incident_declaration", std::to_string(d.id), "declare"), 1);
  // The timeline records the submission: the declaration's clock stops, one hour after the
  // detection across the change to summer time.
  auto inc = repo_.load(n, "750712184", inc_);
  ASSERT_EQ(inc.events.size(), 2u);
  EXPECT_EQ(inc.events[1].kind, "declaration_submitted");
  EXPECT_EQ(durations(inc.events, inc.events[1].at).to_declare, 3600);

  // Frozen.
  e = error_of([&] { decl_.save(n, "750712184", inc_, "initial", {{"systems", "x"}}, actor_); });
  EXPECT_EQ(e.status(), 409);
  EXPECT_EQ(e.code(), "incident.stage_submitted");
  e = error_of([&] {
    decl_.submit(n, "750712184", inc_, "initial", "2026-03-29T05:30+02:00", "CS-3", actor_);
  });
  EXPECT_EQ(e.status(), 409);

  // The final stage starts from the initial one, needs the impacts, and shows its changes.
  // « Clos »: the register closed it before the final stage's transmission.
  repo_.set_status(n, "750712184", inc_, "closed", actor_, "2026-04-09T10:00+02:00");
  auto fin = decl_.save(n, "750712184", inc_, "final", {{"handling_status", "Clos"}}, actor_);
  EXPECT_EQ(fin.content.at("perimeter"), "Imagerie médicale");
  e = error_of([&] {
    decl_.submit(n, "750712184", inc_, "final", "2026-04-10T10:00+02:00", "CS-2026-0042", actor_);
  });
  EXPECT_EQ(e.fields().size(), 4u);
  decl_.save(n, "750712184", inc_, "final",
             {{"impact_data", "Indisponibilité des images pendant 3 jours"},
              {"impact_people", "Reports d'examens"},
              {"impact_systems", "PACS restauré"},
              {"impact_structure", "Mode dégradé en imagerie"},
              {"causes", "Compte de prestataire compromis"}},
             actor_);
  fin =
      decl_.submit(n, "750712184", inc_, "final", "2026-04-10T10:00+02:00", "CS-2026-0042", actor_);
  EXPECT_TRUE(fin.submitted());
  auto all = decl_.list(n, "750712184", inc_);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].stage, "initial");
  EXPECT_EQ(all[1].stage, "final");
  auto diff = differences(default_declaration_form(), all[0].content, all[1].content);
  EXPECT_EQ(diff.size(), 6u);  // handling status, four impacts, causes
  // Still one declaration event in the timeline.
  EXPECT_EQ(repo_.load(n, "750712184", inc_).events.size(), 2u);

  // The stage a later one is compared with: the latest submitted before it.
  EXPECT_EQ(previous_stage(all, "initial"), nullptr);
  ASSERT_NE(previous_stage(all, "final"), nullptr);
  EXPECT_EQ(previous_stage(all, "final")->stage, "initial");
  EXPECT_EQ(previous_stage(all, "complementary")->stage, "initial");

  // Exports: a later stage carries its differences, labelled.
  auto j = declaration_json(inc, "CH A", all[1], previous_stage(all, "final"));
  EXPECT_EQ(j["differences"]["since_stage"], "initial");
  EXPECT_EQ(j["differences"]["since_submitted_at"], all[0].submitted_at);
  ASSERT_EQ(j["differences"]["changes"].size(), 6u);
  EXPECT_EQ(j["differences"]["changes"][0]["field"], "handling_status");
  EXPECT_EQ(j["differences"]["changes"][0]["change"], "changed");
  EXPECT_EQ(j["differences"]["changes"][0]["label"], "État de la prise en charge");
  EXPECT_EQ(j["differences"]["changes"][0]["after"], "Clos");
  EXPECT_EQ(j["differences"]["changes"][1]["change"], "added");
  EXPECT_EQ(j["differences"]["changes"][1]["change_label"], "rubrique ajoutée");
  EXPECT_FALSE(declaration_json(inc, "CH A", all[0]).contains("differences"));
  EXPECT_EQ(j["stage"], "final");
  EXPECT_EQ(j["status"], "submitted");
  EXPECT_EQ(j["digest"], fin.digest);
  EXPECT_EQ(j["sections"][1]["fields"]["perimeter"], "Imagerie médicale");
  auto pdf = declaration_pdf(inc, "CH A", all[1]);
  EXPECT_EQ(pdf.rfind("%PDF", 0), 0u);
  EXPECT_GT(pdf.size(), 1000u);
  // With the stage it is compared with: the table of changes is in the document.
  auto with_changes = declaration_pdf(inc, "CH A", all[1], previous_stage(all, "final"));
  EXPECT_GT(with_changes.size(), pdf.size());
  const auto text = carepilot::testing::pdf_text(with_changes);
  EXPECT_NE(text.find("Changements depuis la déclaration initiale"), std::string::npos) << text;
  EXPECT_NE(text.find("Mode dégradé en imagerie"), std::string::npos);

  // Another establishment's scope sees nothing.
  auto b = registry_.visible(n, "750100208");
  e = error_of([&] { decl_.list(Scope::establishment(b.id), "750712184", inc_); });
  EXPECT_EQ(e.status(), 404);
  e = error_of([&] { decl_.list(n, "750100208", inc_); });
  EXPECT_EQ(e.status(), 404);
}

TEST_P(IncidentsDeclarationsTest, ATransmissionIsNeitherInTheFutureNorBeforeAnEarlierStage) {
  const auto n = Scope::nation();
  // Now: 1 April 2026 at 12:00 Paris time (UTC+2).
  decl_.now = [] { return parse_instant("2026-04-01T12:00:00+02:00")->unix; };
  decl_.save(n, "750712184", inc_, "initial", full_initial(), actor_);
  // A year ahead: refused, named, nothing frozen.
  auto e = error_of([&] {
    decl_.submit(n, "750712184", inc_, "initial", "2027-03-29T03:30+02:00", "CS-1", actor_);
  });
  EXPECT_EQ(e.status(), 422);
  ASSERT_EQ(e.fields().size(), 1u);
  EXPECT_EQ(e.fields()[0].field, "submitted_at");
  EXPECT_EQ(e.fields()[0].code, "incident.in_future");
  EXPECT_EQ(e.fields()[0].message.rfind("Date et heure de la transmission : ", 0), 0u)
      << e.fields()[0].message;
  // No date at all: the field is required (issue 19 trial: it asked for an offset on a page
  // with a date picker).
  e = error_of([&] { decl_.submit(n, "750712184", inc_, "initial", " ", "CS-1", actor_); });
  ASSERT_EQ(e.fields().size(), 1u);
  EXPECT_EQ(e.fields()[0].code, "incident.field_required");
  EXPECT_EQ(e.fields()[0].message, "Date et heure de la transmission : ce champ est requis.");
  e = error_of([&] { decl_.submit(n, "750712184", inc_, "initial", "hier", "CS-1", actor_); });
  EXPECT_EQ(e.fields().at(0).code, "incident.instant_invalid");
  // Ten minutes ahead: beyond the five minutes of clock skew of register.yaml.
  e = error_of([&] {
    decl_.submit(n, "750712184", inc_, "initial", "2026-04-01T12:10+02:00", "CS-1", actor_);
  });
  EXPECT_EQ(e.fields().at(0).code, "incident.in_future");
  EXPECT_FALSE(decl_.list(n, "750712184", inc_).at(0).submitted());
  EXPECT_EQ(repo_.load(n, "750712184", inc_).events.size(), 1u);
  // Two minutes ahead: within the skew.
  decl_.submit(n, "750712184", inc_, "initial", "2026-04-01T12:02+02:00", "CS-1", actor_);
  // The final stage cannot be transmitted before the initial one was.
  decl_.save(n, "750712184", inc_, "final",
             {{"impact_data", "Images indisponibles"},
              {"impact_people", "Reports d'examens"},
              {"impact_systems", "PACS restauré"},
              {"impact_structure", "Mode dégradé"}},
             actor_);
  e = error_of([&] {
    decl_.submit(n, "750712184", inc_, "final", "2026-03-30T10:00+02:00", "CS-1", actor_);
  });
  ASSERT_EQ(e.fields().size(), 1u);
  EXPECT_EQ(e.fields()[0].code, "incident.before_previous_stage");
  EXPECT_NE(e.fields()[0].message.find("déclaration initiale (01/04/2026 à 12 h 02)"),
            std::string::npos)
      << e.fields()[0].message;
  decl_.submit(n, "750712184", inc_, "final", "2026-04-01T12:04+02:00", "CS-1", actor_);
  // A complementary stage drafted afterwards cannot be dated after the final one.
  decl_.save(n, "750712184", inc_, "complementary",
             {{"impact_data", "Images indisponibles"},
              {"impact_people", "Reports d'examens"},
              {"impact_systems", "PACS en cours de restauration"},
              {"impact_structure", "Mode dégradé"}},
             actor_);
  e = error_of([&] {
    decl_.submit(n, "750712184", inc_, "complementary", "2026-04-01T12:04:30+02:00", "CS-1",
                 actor_);
  });
  ASSERT_EQ(e.fields().size(), 1u);
  EXPECT_EQ(e.fields()[0].code, "incident.after_next_stage");
}

TEST_P(IncidentsDeclarationsTest, AnObservationDateInTheFutureIsNeitherSavedNorTransmitted) {
  const auto n = Scope::nation();
  // Now: 1 April 2026 at 00:30 Paris time (still 31 March in UTC).
  decl_.now = [] { return parse_instant("2026-04-01T00:30:00+02:00")->unix; };
  auto content = full_initial();
  content["observed_at"] = "2026-04-02";
  auto e = error_of([&] { decl_.save(n, "750712184", inc_, "initial", content, actor_); });
  EXPECT_EQ(e.status(), 422);
  ASSERT_EQ(e.fields().size(), 1u);
  EXPECT_EQ(e.fields()[0].field, "observed_at");
  EXPECT_EQ(e.fields()[0].code, "incident.in_future");
  EXPECT_TRUE(decl_.list(n, "750712184", inc_).empty());
  // Today in Paris is accepted, saved and transmitted.
  content["observed_at"] = "2026-04-01";
  decl_.save(n, "750712184", inc_, "initial", content, actor_);
  decl_.submit(n, "750712184", inc_, "initial", "2026-04-01T00:20+02:00", "CS-1", actor_);
  EXPECT_TRUE(decl_.list(n, "750712184", inc_).at(0).submitted());
}

// Issue 19 trial: a final stage « État de la prise en charge : Clos » was transmitted the day
// before the register closed the incident, and an initial one « Serveur isolé » before the
// containment: refused, named, nothing stored; the same text once the register agrees passes.
TEST_P(IncidentsDeclarationsTest, AStageCannotStateWhatTheRegisterDidNotSayAtItsTransmission) {
  const auto n = Scope::nation();
  auto c = full_initial();
  c["handling_status"] = "Serveur isolé, analyse en cours";
  decl_.save(n, "750712184", inc_, "initial", c, actor_);
  auto e = error_of([&] {
    decl_.submit(n, "750712184", inc_, "initial", "2026-03-29T05:00+02:00", "CS-1", actor_);
  });
  EXPECT_EQ(e.status(), 422);
  ASSERT_EQ(e.fields().size(), 1u);
  EXPECT_EQ(e.fields()[0].field, "handling_status");
  EXPECT_EQ(e.fields()[0].code, "incident.register_contradiction");
  EXPECT_EQ(e.fields()[0].message.rfind("État de la prise en charge : ", 0), 0u)
      << e.fields()[0].message;
  EXPECT_FALSE(decl_.list(n, "750712184", inc_).at(0).submitted());
  EXPECT_EQ(repo_.load(n, "750712184", inc_).events.size(), 1u);  // no transmission recorded
  // Contained at 04:30: the same text transmitted at 05:00 agrees.
  repo_.add_event(n, "750712184", inc_, {"containment", "2026-03-29T04:30+02:00", "", ""}, actor_);
  decl_.submit(n, "750712184", inc_, "initial", "2026-03-29T05:00+02:00", "CS-1", actor_);

  // « Clos » before the closure: refused; negated (« pas encore clos ») it says nothing.
  decl_.save(n, "750712184", inc_, "complementary",
             {{"handling_status", "Clos"},
              {"impact_data", "Images indisponibles"},
              {"impact_people", "Aucun"},
              {"impact_systems", "PACS"},
              {"impact_structure", "Reports"}},
             actor_);
  e = error_of([&] {
    decl_.submit(n, "750712184", inc_, "complementary", "2026-04-02T10:00+02:00", "CS-2", actor_);
  });
  ASSERT_EQ(e.fields().size(), 1u);
  EXPECT_EQ(e.fields()[0].code, "incident.register_contradiction");
  EXPECT_NE(e.fields()[0].message.find("« Ouvert »"), std::string::npos) << e.fields()[0].message;
  EXPECT_FALSE(decl_.list(n, "750712184", inc_).at(1).submitted());
  decl_.save(n, "750712184", inc_, "complementary",
             {{"handling_status", "Serveur confiné, incident pas encore clos"}}, actor_);
  decl_.submit(n, "750712184", inc_, "complementary", "2026-04-02T10:00+02:00", "CS-2", actor_);
  // Closed on 04/04 at 18:00: a final stage « Clos » transmitted at 17:59 is refused, at 18:00
  // it passes.
  repo_.set_status(n, "750712184", inc_, "closed", actor_, "2026-04-04T18:00+02:00");
  decl_.save(n, "750712184", inc_, "final", {{"handling_status", "Incident clôturé"}}, actor_);
  e = error_of([&] {
    decl_.submit(n, "750712184", inc_, "final", "2026-04-04T17:59+02:00", "CS-3", actor_);
  });
  ASSERT_EQ(e.fields().size(), 1u);
  EXPECT_EQ(e.fields()[0].code, "incident.register_contradiction");
  const auto fin =
      decl_.submit(n, "750712184", inc_, "final", "2026-04-04T18:00+02:00", "CS-3", actor_);
  EXPECT_TRUE(fin.submitted());
}

TEST(IncidentsHandlingContradiction, WordsNegatedOrToComeSayNothing) {
  EXPECT_NE(handling_contradiction("Clos.", "contained", true), "");
  EXPECT_EQ(handling_contradiction("Clos.", "closed", true), "");
  EXPECT_EQ(handling_contradiction("Non clos", "open", false), "");
  EXPECT_EQ(handling_contradiction("Sera clos après l'audit", "contained", true), "");
  EXPECT_NE(handling_contradiction("Postes isolés du réseau", "open", false), "");
  EXPECT_EQ(handling_contradiction("Postes isolés du réseau", "open", true), "");
  EXPECT_EQ(handling_contradiction("Postes pas encore isolés", "open", false), "");
  EXPECT_EQ(handling_contradiction("Isolement en cours", "open", false), "");
  EXPECT_EQ(handling_contradiction("Enclos", "open", false), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentsDeclarationsTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

// Issue 19 trial: a stage « transmise le 25/10 » stated « services rétablis le 26/10 », a final
// one transmitted on 15/11 « clos le 05/12 ». The fields following the register, untouched,
// are frozen as the register stood at the transmission — its events and its dated status at or
// before it; what the declarant wrote is kept. Both sides of the instant.
TEST_P(IncidentsDeclarationsTest, ATransmittedStageStatesTheRegisterAsItStoodThen) {
  const auto n = Scope::nation();
  auto story = [&](const char* title) {
    const auto id =
        repo_.create(n, "750712184", {title, "2026-03-29T01:30:00+01:00", ""}, actor_).id;
    repo_.add_event(n, "750712184", id, {"containment", "2026-03-29T10:00:00+02:00", "", ""},
                    actor_);
    repo_.add_event(n, "750712184", id, {"services_restored", "2026-04-02T10:00:00+02:00", "", ""},
                    actor_);
    repo_.set_status(n, "750712184", id, "contained", actor_, "2026-03-29T10:00:00+02:00");
    repo_.set_status(n, "750712184", id, "closed", actor_, "2026-04-10T10:00:00+02:00");
    // The draft made now, from the register as it is now (the page's pre-filling).
    auto content = full_initial();
    const auto now = register_content(repo_.load(n, "750712184", id), std::nullopt, "", "");
    content["handling_status"] = now.at("handling_status");
    content["perimeter"] = now.at("perimeter");
    EXPECT_EQ(content["handling_status"],
              "Incident clos ; confinement le 29/03/2026 à 10 h 00 ; services rétablis le "
              "02/04/2026 à 10 h 00 ; clos le 10/04/2026 à 10 h 00.");
    decl_.save(n, "750712184", id, "initial", content, actor_);
    return id;
  };
  auto transmitted = [&](std::int64_t id, const char* at) {
    return decl_.submit(n, "750712184", id, "initial", at, "CS-1", actor_).content;
  };
  // A minute before the restoration: contained, not restored, not closed.
  auto before = transmitted(story("Avant"), "2026-04-02T09:59:00+02:00");
  EXPECT_EQ(before["handling_status"], "Incident confiné ; confinement le 29/03/2026 à 10 h 00.");
  EXPECT_EQ(before["data_concerned"], "Images et comptes rendus");  // typed: kept
  EXPECT_EQ(before["perimeter"], "Incident « Avant ».");
  // At the restoration: restored, still contained.
  auto at = transmitted(story("Pendant"), "2026-04-02T10:00:00+02:00");
  EXPECT_EQ(at["handling_status"],
            "Incident confiné ; confinement le 29/03/2026 à 10 h 00 ; services rétablis le "
            "02/04/2026 à 10 h 00.");
  // A minute before the closure, then at it.
  auto open_still = transmitted(story("Veille"), "2026-04-10T09:59:00+02:00");
  EXPECT_EQ(open_still["handling_status"].find("clos le"), std::string::npos);
  auto closed = transmitted(story("Clos"), "2026-04-10T10:00:00+02:00");
  EXPECT_EQ(closed["handling_status"],
            "Incident clos ; confinement le 29/03/2026 à 10 h 00 ; services rétablis le "
            "02/04/2026 à 10 h 00 ; clos le 10/04/2026 à 10 h 00.");
  // Stored as transmitted, its digest over that content.
  const auto stored = decl_.list(n, "750712184", inc_ + 1);
  ASSERT_FALSE(stored.empty());
  EXPECT_EQ(stored.front().content.at("handling_status"),
            "Incident confiné ; confinement le 29/03/2026 à 10 h 00.");
}
