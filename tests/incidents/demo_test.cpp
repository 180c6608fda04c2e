// The demo incidents (issue 19 trial: their status changes and attachments were dated at the
// seeding — « 05/12/2026 à 01 h 58 Statut : Confiné » after the end of the degraded mode):
// every status change and attachment is dated in the demo's story, before the seeding, in the
// order of the story, on both databases.
#include <gtest/gtest.h>

#include "common/french.hpp"
#include "incidents/demo/demo.hpp"
#include "incidents/report/prefill.hpp"
#include "incidents/rules/timeline.hpp"
#include "module_fixture.hpp"
#include "test_db.hpp"

using namespace carepilot;
using namespace carepilot::incidents;

namespace {

class IncidentsDemoTest : public ::testing::TestWithParam<const char*> {
 protected:
  IncidentsDemoTest()
      : db_(GetParam()),
        registry_(db_.db(), registry::Catalog::builtin()),
        repo_(db_.db(), registry_),
        decl_(db_.db(), registry_),
        attachments_(db_.db(), registry_) {
    registry_.seed_regions();
    auto in = carepilot::testing::module_establishment("750712184", "CH Démo");
    in.is_demo = true;
    in.services = {"urgences", "imagerie"};
    registry_.create(Scope::nation(), in);
    // A second one without imaging nor inventory.
    auto other = carepilot::testing::module_establishment("690781810", "CH Lyon Démo");
    other.is_demo = true;
    registry_.create(Scope::nation(), other);
    // The PACS of the first one's continuity inventory.
    const auto est = registry_.visible(Scope::nation(), "750712184");
    auto s = db_.db().lease();
    long long e = est.id;
    *s << "INSERT INTO continuity_resources (establishment_id, name, kind, created_at) VALUES "
          "(:e, 'PACS', 'application', '2026-01-01T00:00:00Z')",
        soci::use(e);
  }
  const Incident* find(const std::vector<Incident>& all, const std::string& title) {
    for (const auto& i : all)
      if (i.title.find(title) != std::string::npos) return &i;
    return nullptr;
  }
  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  Repository repo_;
  Declarations decl_;
  Attachments attachments_;
};

}  // namespace

TEST_P(IncidentsDemoTest, StatusChangesAndAttachmentsAreDatedInTheStory) {
  // Seeded on 05/12/2026 at 01:58, Paris (the trial's instant), a week after the real now.
  const auto now = parse_instant("2026-12-05T01:58:00+01:00")->unix;
  repo_.now = [now] { return now; };
  decl_.now = [now] { return now; };
  ASSERT_EQ(seed_demo(repo_, decl_, registry_, now, &attachments_), 2);
  const auto n = Scope::nation();
  int seen = 0;
  for (const auto& inc : repo_.list(n, "750712184")) {
    const auto changes = repo_.status_changes(n, "750712184", inc.id);
    const auto* det = inc.detection();
    ASSERT_NE(det, nullptr);
    std::int64_t previous = det->at;
    for (std::size_t i = 1; i < changes.size(); ++i) {
      EXPECT_GE(changes[i].at, previous) << inc.title;
      EXPECT_LT(changes[i].at, now - 86400) << inc.title << " " << changes[i].status;
      previous = changes[i].at;
      ++seen;
    }
    if (inc.status == "contained") {
      // Contained when the containment was recorded: before the degraded mode's end.
      ASSERT_EQ(changes.size(), 2u);
      for (const auto& e : inc.events) {
        if (e.kind == "containment") {
          EXPECT_EQ(changes[1].at, e.at);
        }
        if (e.kind == "degraded_end") {
          EXPECT_LT(changes[1].at, e.at);
        }
      }
      const auto files = attachments_.list(n, "750712184", inc.id);
      ASSERT_EQ(files.size(), 1u);
      const auto joined = parse_iso_utc(files[0].created_at);
      ASSERT_TRUE(joined);
      EXPECT_GT(*joined, changes[1].at);
      EXPECT_LT(*joined, now - 86400);
    }
    if (inc.status == "closed") {
      ASSERT_EQ(changes.size(), 3u);  // opened, contained, closed
      EXPECT_EQ(changes[1].status, "contained");
      EXPECT_EQ(changes[2].status, "closed");
    }
  }
  EXPECT_EQ(seen, 3);
}

// Issue 19 trial: the phishing's final declaration, transmitted on 27/08 at 10 h 00, said
// « Clos » while the register closed the incident on 28/08; the ransomware's initial one said
// « Serveur isolé » at 08 h 15, the containment being recorded at 09 h 30. Every transmitted
// stage of the demo says what the register said at its transmission.
TEST_P(IncidentsDemoTest, EveryTransmittedStageAgreesWithTheRegisterAtItsTime) {
  const auto now = parse_instant("2026-12-05T01:58:00+01:00")->unix;
  repo_.now = [now] { return now; };
  decl_.now = [now] { return now; };
  ASSERT_EQ(seed_demo(repo_, decl_, registry_, now, &attachments_), 2);
  const auto n = Scope::nation();
  int checked = 0;
  for (const char* fin : {"750712184", "690781810"})
    for (const auto& inc : repo_.list(n, fin)) {
      std::vector<std::pair<std::int64_t, std::string>> history;
      for (const auto& c : repo_.status_changes(n, fin, inc.id))
        history.emplace_back(c.at, c.status);
      for (const auto& d : decl_.list(n, fin, inc.id)) {
        if (!d.submitted()) continue;
        const auto at = *parse_iso_utc(d.submitted_at);
        const auto cut = status_cut(history, at);
        bool contained = cut.status != "open";
        for (const auto& e : inc.events)
          if (e.kind == "containment" && e.at <= at) contained = true;
        const auto it = d.content.find("handling_status");
        ASSERT_NE(it, d.content.end());
        EXPECT_EQ(handling_contradiction(it->second, cut.status, contained), "")
            << inc.title << " " << d.stage << " : " << it->second;
        if (d.stage == "final") {
          EXPECT_EQ(cut.status, "closed") << inc.title;
        }
        ++checked;
      }
    }
  EXPECT_EQ(checked, 6);  // per establishment: phishing initial and final, ransomware initial
}

// Issue 19 trial: the ransomware on the imaging server put « Administration » in degraded mode
// although an « Imagerie » service existed, left « Systèmes et services touchés » empty with a
// PACS inventoried, and every establishment had the same detection minute and portal references.
TEST_P(IncidentsDemoTest, TheRansomwareStoryFollowsEachEstablishment) {
  const auto now = parse_instant("2026-12-05T01:58:00+01:00")->unix;
  repo_.now = [now] { return now; };
  decl_.now = [now] { return now; };
  ASSERT_EQ(seed_demo(repo_, decl_, registry_, now, &attachments_), 2);
  const auto n = Scope::nation();
  const auto a_all = repo_.list(n, "750712184");
  const auto b_all = repo_.list(n, "690781810");
  const auto* a = find(a_all, "Rançongiciel");
  const auto* b = find(b_all, "Rançongiciel");
  ASSERT_TRUE(a && b);
  auto degraded = [](const Incident& i) {
    for (const auto& e : i.events)
      if (e.kind == "degraded_start") return e.service;
    return std::string();
  };
  EXPECT_EQ(degraded(*a), "imagerie");
  EXPECT_EQ(degraded(*b), "urgences");  // no imaging: its only service
  EXPECT_EQ(a->affected_services, (std::vector<std::string>{"imagerie"}));
  ASSERT_EQ(a->affected_resources.size(), 1u);
  EXPECT_EQ(a->affected_resources[0].name, "PACS");
  EXPECT_EQ(b->affected_services, (std::vector<std::string>{"urgences"}));
  EXPECT_TRUE(b->affected_resources.empty());
  // Detection minutes and portal references differ between establishments.
  EXPECT_NE(a->detection()->at, b->detection()->at);
  const auto ra = decl_.list(n, "750712184", a->id).at(0).portal_reference;
  const auto rb = decl_.list(n, "690781810", b->id).at(0).portal_reference;
  EXPECT_NE(ra, rb);
  const auto* pa = find(a_all, "Hameçonnage");
  const auto* pb = find(b_all, "Hameçonnage");
  ASSERT_TRUE(pa && pb);
  EXPECT_NE(decl_.list(n, "750712184", pa->id).at(0).portal_reference,
            decl_.list(n, "690781810", pb->id).at(0).portal_reference);
  // The containment report says the containment's time.
  const auto files = attachments_.list(n, "750712184", a->id);
  ASSERT_EQ(files.size(), 1u);
  std::int64_t contained = 0;
  for (const auto& e : a->events)
    if (e.kind == "containment") contained = e.at;
  const auto when = paris_datetime(contained);  // « 25/11/2026 à 08 h 50 »
  const std::string hh = when.substr(when.find(" à ") + 4, 2), mm = when.substr(when.size() - 2);
  const std::string said = std::to_string(std::stoi(hh)) + " h " + mm;
  const auto body = attachments_.file(n, "750712184", a->id, files[0].id).bytes;
  EXPECT_NE(body.find("à " + said), std::string::npos) << body << " / " << said;
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentsDemoTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
