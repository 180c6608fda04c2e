#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "assessment/attachment.hpp"
#include "assessment/repository.hpp"
#include "fixture.hpp"
#include "referential/loader.hpp"
#include "store/audit_log.hpp"
#include "test_db.hpp"

using namespace carepilot;
using namespace carepilot::assessment;
using carepilot::testing::day;
using nlohmann::json;

namespace {

class AssessmentRepoTest : public ::testing::TestWithParam<const char*> {
 protected:
  AssessmentRepoTest()
      : db_(GetParam()),
        registry_(db_.db(), registry::Catalog::builtin()),
        ref_(referential::load_default_referential()),
        evidence_(db_.db(), registry_, ref_),
        repo_(db_.db(), registry_, evidence_),
        paq_(db_.db(), registry_, evidence_) {
    registry_.seed_regions();
    a_ = registry_.create(Scope::nation(),
                          carepilot::testing::assessment_establishment("750712184", "CH A"));
    b_ = registry_.create(Scope::nation(),
                          carepilot::testing::assessment_establishment("690781810", "CH B"));
  }
  long long count(const std::string& table) {
    auto s = db_.db().lease();
    long long n = 0;
    *s << "SELECT COUNT(*) FROM " + table, soci::into(n);
    return n;
  }
  static FieldError refusal(const std::function<void()>& f, int status = 422) {
    try {
      f();
    } catch (const UserError& e) {
      EXPECT_EQ(e.status(), status) << e.what();
      return e.fields().empty() ? FieldError{"", e.code(), e.what()} : e.fields().front();
    }
    ADD_FAILURE() << "no refusal";
    return {};
  }
  Date today_ = day("2026-11-23");
  Actor actor_{"rssi@a.fr", "127.0.0.1", "req"};
  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  referential::Referential ref_;
  evidence::Repository evidence_;
  Repository repo_;
  paq::Repository paq_;
  registry::Establishment a_, b_;
};

TEST_P(AssessmentRepoTest, SavesAnswersAndScores) {
  auto a = repo_.save_answers(
      Scope::nation(), "750712184", 2026,
      {{"D2.O3.A", 3, "Sauvegardes isolées"}, {"D2.P1", 2, ""}, {"HC.2028", kNotApplicable, ""}},
      today_, actor_);
  EXPECT_FALSE(a.declared);
  EXPECT_EQ(a.answers.size(), 3u);
  auto found = repo_.find(Scope::nation(), "750712184", 2026);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->answers.at("D2.O3.A").comment, "Sauvegardes isolées");
  EXPECT_EQ(found->answers.at("HC.2028").level, kNotApplicable);
  auto score = found->score();
  EXPECT_EQ(score.answered, 3);
  EXPECT_GT(*score.overall, 0);
  // Removing an answer (level nullopt).
  repo_.save_answers(Scope::nation(), "750712184", 2026, {{"D2.P1", std::nullopt, ""}}, today_,
                     actor_);
  EXPECT_EQ(repo_.find(Scope::nation(), "750712184", 2026)->answers.count("D2.P1"), 0u);
  auto list = repo_.list(Scope::nation(), "750712184");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].year, 2026);
  EXPECT_FALSE(list[0].declared);
  EXPECT_TRUE(repo_.list(Scope::nation(), "690781810").empty());
}

TEST_P(AssessmentRepoTest, RefusesALevelOutsideTheScaleAndStoresNothing) {
  auto err = refusal([&] {
    repo_.save_answers(Scope::nation(), "750712184", 2026, {{"D2.P1", 2, ""}, {"D2.O4", 4, ""}},
                       today_, actor_);
  });
  EXPECT_EQ(err.field, "level");
  EXPECT_EQ(err.code, "assessment.level_invalid");
  EXPECT_EQ(err.message.rfind("level : ", 0), 0u) << err.message;
  EXPECT_EQ(count("assessments"), 0);
  EXPECT_EQ(count("assessment_answers"), 0);
  auto unknown = refusal([&] {
    repo_.save_answers(Scope::nation(), "750712184", 2026, {{"X.9", 1, ""}}, today_, actor_);
  });
  EXPECT_EQ(unknown.field, "requirement");
}

TEST_P(AssessmentRepoTest, RefusesAttachmentsOfTheWrongTypeOrSize) {
  auto wrong = refusal([&] {
    repo_.add_attachment(Scope::nation(), "750712184", 2026, "D2.P1", "pssi.pdf",
                         carepilot::testing::png_bytes(), actor_);
  });
  EXPECT_EQ(wrong.field, "attachment");
  EXPECT_EQ(wrong.code, "assessment.attachment_type");
  auto exe = refusal([&] {
    repo_.add_attachment(Scope::nation(), "750712184", 2026, "D2.P1", "outil.exe", "MZ\x90",
                         actor_);
  });
  EXPECT_EQ(exe.field, "attachment");
  auto big = refusal([&] {
    repo_.add_attachment(Scope::nation(), "750712184", 2026, "D2.P1", "gros.txt",
                         std::string(kMaxAttachmentBytes + 1, 'a'), actor_);
  });
  EXPECT_EQ(big.field, "attachment");
  EXPECT_EQ(big.code, "assessment.attachment_too_large");
  EXPECT_EQ(count("assessment_attachments"), 0);
  EXPECT_EQ(count("assessments"), 0);

  auto ok = repo_.add_attachment(Scope::nation(), "750712184", 2026, "D2.P1", "PSSI signée.pdf",
                                 carepilot::testing::pdf_bytes(), actor_);
  EXPECT_EQ(ok.content_type, "application/pdf");
  auto file = repo_.attachment(Scope::nation(), "750712184", 2026, ok.id);
  EXPECT_EQ(file.bytes, carepilot::testing::pdf_bytes());
  EXPECT_EQ(file.info.sha256, store::sha256_hex(carepilot::testing::pdf_bytes()));
  // Another establishment's guessed attachment id is a 404.
  repo_.save_answers(Scope::nation(), "690781810", 2026, {{"D2.P1", 1, ""}}, today_, actor_);
  refusal([&] { repo_.attachment(Scope::nation(), "690781810", 2026, ok.id); }, 404);
  refusal(
      [&] {
        repo_.withdraw_attachment(Scope::nation(), "690781810", 2026, ok.id, "motif", actor_);
      },
      404);
  // Never deleted: withdrawn with a reason, kept and still downloadable.
  auto blank = refusal(
      [&] { repo_.withdraw_attachment(Scope::nation(), "750712184", 2026, ok.id, " ", actor_); },
      422);
  EXPECT_EQ(blank.field, "reason");
  auto w = repo_.withdraw_attachment(Scope::nation(), "750712184", 2026, ok.id, "Mauvaise version",
                                     actor_);
  EXPECT_EQ(w.withdrawal.reason, "Mauvaise version");
  EXPECT_EQ(count("assessment_attachments"), 1);
  auto a = repo_.find(Scope::nation(), "750712184", 2026);
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->attachments.empty());
  ASSERT_EQ(a->withdrawn_attachments.size(), 1u);
  EXPECT_EQ(repo_.attachment(Scope::nation(), "750712184", 2026, ok.id).bytes,
            carepilot::testing::pdf_bytes());
  refusal(
      [&] {
        repo_.withdraw_attachment(Scope::nation(), "750712184", 2026, ok.id, "encore", actor_);
      },
      409);
}

TEST_P(AssessmentRepoTest, DeclarationFreezesTheSnapshotAndEmitsEvidence) {
  repo_.save_answers(Scope::nation(), "750712184", 2026,
                     {{"DNS.AP1", 3, ""}, {"DNS.AP2", 3, ""}, {"D2.P1", 1, "En cours"}}, today_,
                     actor_);
  repo_.add_attachment(Scope::nation(), "750712184", 2026, "DNS.AP1", "retex.txt",
                       "RETEX de l'exercice\n", actor_);
  auto future = refusal([&] {
    repo_.declare(Scope::nation(), "750712184", 2026, {std::nullopt, day("2026-12-01")}, today_,
                  actor_);
  });
  EXPECT_EQ(future.field, "declared_on");
  auto a = repo_.declare(Scope::nation(), "750712184", 2026, {day("2026-11-18"), day("2026-11-20")},
                         today_, actor_);
  ASSERT_TRUE(a.declaration);
  EXPECT_TRUE(a.declared);
  EXPECT_EQ(a.declaration->digest, store::sha256_hex(a.declaration->snapshot));
  auto snap = json::parse(a.declaration->snapshot);
  EXPECT_EQ(snap["framework"]["id"], "care-priority-objectives");
  EXPECT_EQ(snap["scores"]["overall"], a.declaration->score);
  EXPECT_EQ(snap["declaration"]["declared_on"], "2026-11-20");
  EXPECT_EQ(json::parse(snap.dump()).dump(), a.declaration->snapshot);  // canonical text
  // Stored as frozen: reading it back gives the same text and digest.
  auto back = repo_.find(Scope::nation(), "750712184", 2026);
  EXPECT_EQ(back->declaration->snapshot, a.declaration->snapshot);
  EXPECT_EQ(store::sha256_hex(back->declaration->snapshot), back->declaration->digest);

  // Evidence emitted.
  auto records = evidence_.list(Scope::nation(), "750712184");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].type, "maturity_assessment");
  EXPECT_EQ(records[0].payload["score"], a.declaration->score);
  EXPECT_EQ(records[0].payload["declared_on"], "2026-11-20");
  EXPECT_EQ(records[0].payload["date"], "2026-11-18");

  // Later edits refused, nothing changed.
  auto edit = refusal([&] {
    repo_.save_answers(Scope::nation(), "750712184", 2026, {{"D2.P1", 3, ""}}, today_, actor_);
  });
  EXPECT_EQ(edit.code, "assessment.declared");
  auto att = refusal([&] {
    repo_.add_attachment(Scope::nation(), "750712184", 2026, "D2.P1", "x.txt", "x", actor_);
  });
  EXPECT_EQ(att.code, "assessment.declared");
  auto again =
      refusal([&] { repo_.declare(Scope::nation(), "750712184", 2026, {}, today_, actor_); });
  EXPECT_EQ(again.code, "assessment.declared");
  EXPECT_EQ(repo_.find(Scope::nation(), "750712184", 2026)->answers.at("D2.P1").level, 1);

  // A new year starts a new draft, pre-filled from the last one.
  auto next = repo_.start(Scope::nation(), "750712184", 2027, true, today_, actor_);
  EXPECT_FALSE(next.declared);
  EXPECT_EQ(next.answers.at("D2.P1").level, 1);
  EXPECT_EQ(next.answers.at("D2.P1").comment, "En cours");
  auto years = repo_.compare(Scope::nation(), "750712184", {2026, 2027});
  ASSERT_EQ(years.size(), 2u);
  EXPECT_TRUE(years[0].declared);
  EXPECT_EQ(years[0].score.overall, a.declaration->score);
  EXPECT_EQ(years[1].score.overall, a.declaration->score);
}

TEST_P(AssessmentRepoTest, UnmetRequirementsBecomePaqActionsOnce) {
  repo_.save_answers(Scope::nation(), "750712184", 2026,
                     {{"D2.O3.A", 3, ""}, {"D2.P1", 1, "PSSI à revoir"}}, today_, actor_);
  auto total = default_framework().requirement_count();
  auto one = repo_.to_paq(Scope::nation(), "750712184", 2026, {"D2.P1"}, today_, actor_);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].source, paq::Source::assessment);
  EXPECT_EQ(one[0].source_ref, "assessment:2026:D2.P1");
  auto met = refusal(
      [&] { repo_.to_paq(Scope::nation(), "750712184", 2026, {"D2.O3.A"}, today_, actor_); });
  EXPECT_EQ(met.field, "requirement");
  auto all = repo_.to_paq(Scope::nation(), "750712184", 2026, {}, today_, actor_);
  EXPECT_EQ(all.size(), total - 2);  // every requirement but the met one and D2.P1 (done)
  auto again = repo_.to_paq(Scope::nation(), "750712184", 2026, {}, today_, actor_);
  EXPECT_TRUE(again.empty());
  EXPECT_EQ(paq_.list(Scope::nation(), "750712184").size(), total - 1);
  EXPECT_EQ(repo_.paq_requirements(Scope::nation(), "750712184", 2026).count("D2.P1"), 1u);
  EXPECT_TRUE(paq_.list(Scope::nation(), "690781810").empty());
}

TEST_P(AssessmentRepoTest, AForeignEstablishmentIsNotFound) {
  repo_.save_answers(Scope::nation(), "750712184", 2026, {{"D2.P1", 1, ""}}, today_, actor_);
  auto only_b = Scope::establishment(b_.id);
  refusal([&] { repo_.list(only_b, "750712184"); }, 404);
  refusal([&] { repo_.find(only_b, "750712184", 2026); }, 404);
  refusal(
      [&] {
        repo_.save_answers(only_b, "750712184", 2026, {{"D2.P1", 3, ""}}, today_, actor_);
      },
      404);
  refusal([&] { repo_.declare(only_b, "750712184", 2026, {}, today_, actor_); }, 404);
  EXPECT_FALSE(repo_.find(only_b, "690781810", 2026).has_value());
  EXPECT_EQ(repo_.find(Scope::nation(), "750712184", 2026)->answers.at("D2.P1").level, 1);
}

TEST_P(AssessmentRepoTest, AMandatoryActionIsNeverNotApplicable) {
  // The priority actions of the instruction are marked mandatory in data/frameworks.
  ASSERT_TRUE(default_framework().find("DNS.AP1")->mandatory);
  ASSERT_FALSE(default_framework().find("HC.2028")->mandatory);
  auto err = refusal([&] {
    repo_.save_answers(Scope::nation(), "750712184", 2026, {{"DNS.AP1", kNotApplicable, ""}},
                       today_, actor_);
  });
  EXPECT_EQ(err.field, "level");
  EXPECT_EQ(err.code, "assessment.mandatory");
  EXPECT_NE(err.message.find("Non applicable"), std::string::npos) << err.message;
  EXPECT_EQ(count("assessment_answers"), 0);
  // A real level on it, and "non applicable" on a requirement that is not mandatory: saved.
  repo_.save_answers(Scope::nation(), "750712184", 2026,
                     {{"DNS.AP1", 0, ""}, {"HC.2028", kNotApplicable, ""}}, today_, actor_);
  EXPECT_EQ(count("assessment_answers"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, AssessmentRepoTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

TEST(Attachments, Base64RoundTrips) {
  for (const std::string& s :
       std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)})
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
  EXPECT_EQ(base64_encode("Man"), "TWFu");
  EXPECT_EQ(base64_encode("Ma"), "TWE=");
  EXPECT_THROW(base64_decode("TW=u"), std::invalid_argument);
}

}  // namespace
