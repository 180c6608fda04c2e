#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <utility>

#include "accounts.hpp"
#include "evidence/calendar.hpp"
#include "evidence/stored.hpp"
#include "fixture.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::d;
using carepilot::testing::establishment_input;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

std::vector<std::string> crlf_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find("\r\n", pos);
    if (end == std::string::npos) {
      out.push_back(text.substr(pos));
      break;
    }
    out.push_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
  return out;
}

TEST(ICalendar, FoldsLongLinesWithoutSplittingCharacters) {
  std::string line = "SUMMARY:";
  for (int i = 0; i < 40; ++i) line += "échéance ";
  auto folded = evidence::fold_line(line);
  auto parts = crlf_lines(folded);
  ASSERT_GT(parts.size(), 2u);
  std::string unfolded = parts[0];
  for (std::size_t i = 0; i < parts.size(); ++i) {
    EXPECT_LE(parts[i].size(), 75u) << i;
    if (i > 0) {
      ASSERT_EQ(parts[i][0], ' ');
      // A continuation never starts inside a UTF-8 sequence.
      EXPECT_NE(static_cast<unsigned char>(parts[i][1]) & 0xC0, 0x80);
      unfolded += parts[i].substr(1);
    }
  }
  EXPECT_EQ(unfolded, line);
  EXPECT_EQ(evidence::fold_line("SHORT"), "SHORT");
}

TEST(ICalendar, EventsAreAllDayWithEscapedText) {
  auto ics =
      evidence::to_icalendar("750712184", "CH A; site, nord",
                             {{"pca-pra", "PCA/PRA", "due", d("2027-06-30")}}, "20261123T100000Z");
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
  EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
  EXPECT_NE(ics.find("\r\nDTSTART;VALUE=DATE:20270630\r\n"), std::string::npos);
  EXPECT_NE(ics.find("\r\nDTEND;VALUE=DATE:20270701\r\n"), std::string::npos);
  EXPECT_NE(ics.find("\r\nUID:750712184-pca-pra-20270630@carepilot\r\n"), std::string::npos);
  EXPECT_NE(ics.find("\r\nDTSTAMP:20261123T100000Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("CH A\\; site\\, nord"), std::string::npos);
  for (std::size_t i = 0; i < ics.size(); ++i)
    if (ics[i] == '\n') {
      EXPECT_EQ(ics[i - 1], '\r') << i;
    }
}

// Every event's words are for people (issue 20): the obligation's French name and the
// establishment's name, French dates (30/06/2027); never the obligation's code, the FINESS or
// an ISO date in a SUMMARY or a DESCRIPTION (the page's link aside), in the establishment's
// file as in the feed.
TEST(ICalendar, EventTextsNameTheObligationAndGiveFrenchDates) {
  auto unfolded = [](std::string ics) {
    for (auto at = ics.find("\r\n "); at != std::string::npos; at = ics.find("\r\n ", at))
      ics.erase(at, 3);
    return ics;
  };
  auto texts = [](const std::string& ics) {
    std::string out;
    for (const auto& line : crlf_lines(ics))
      if (line.rfind("SUMMARY:", 0) == 0 || line.rfind("DESCRIPTION:", 0) == 0)
        out += line.substr(0, line.find("https://")) + "\n";  // the words, not the link
    return out;
  };
  auto file = unfolded(evidence::to_icalendar(
      "499900140", "CH de l'Essai",
      {{"bia-all-services", "BIA de tous les services", "due", d("2027-06-30")}},
      "20261123T100000Z"));
  EXPECT_NE(file.find("\r\nDESCRIPTION:« BIA de tous les services » : échéance de "
                      "l'établissement CH de l'Essai\\, à satisfaire au plus tard le "
                      "30/06/2027.\r\n"),
            std::string::npos)
      << file;
  evidence::FeedEvent coming{"499900140",        "CH de l'Essai",
                             "bia-all-services", "BIA de tous les services",
                             d("2027-06-30"),    false};
  evidence::FeedEvent late{"499900140",         "CH de l'Essai", "pca-pra",
                           "PCA/PRA formalisé", d("2026-11-20"), true};
  evidence::FeedEvent key;
  key.programme = true;
  key.obligation_id = "date-bia-tous";
  key.title = "BIA de tous les services et PCRA global";
  key.description = "BIA de tous les services d'ici juin 2027.";
  key.link = "/connaissances/entrees/date-bia-tous";
  key.deadline = d("2027-06-30");
  evidence::ReminderPolicy p;
  p.days_before = {7};
  auto feed =
      unfolded(evidence::to_icalendar_feed("Échéances", {coming, late, key}, "https://x.example",
                                           d("2026-11-23"), p, "20261123T100000Z"));
  EXPECT_NE(feed.find("DESCRIPTION:« BIA de tous les services » : échéance de l'établissement "
                      "CH de l'Essai\\, à satisfaire au plus tard le 30/06/2027."),
            std::string::npos)
      << feed;
  EXPECT_NE(feed.find("DESCRIPTION:« PCA/PRA formalisé » : l'établissement CH de l'Essai est en "
                      "retard\\, l'échéance du 20/11/2026 est dépassée depuis 3 jours."),
            std::string::npos)
      << feed;
  for (const auto& all : {texts(file), texts(feed)}) {
    EXPECT_NE(all, "");
    for (const char* code :
         {"bia-all-services", "pca-pra", "date-bia-tous", "499900140", "2027-06-30", "2026-11-20"})
      EXPECT_EQ(all.find(code), std::string::npos) << code << " in\n" << all;
  }
}

// fuzz/evidence/regressions_icalendar: a control character in a TEXT value (here the
// calendar's name) went out as is; RFC 5545 content lines hold none but tab. Control
// characters and invalid UTF-8 become U+FFFD, CR is dropped, LF is written \n.
TEST(ICalendar, TextValuesHoldNoControlCharacterNorInvalidUtf8) {
  const std::string name = std::string("CH\x02 Nord\tEst\r\nSite \xC3 ") + '\x7F';
  auto ics = evidence::to_icalendar(
      "750712184", name, {{"pca-pra", "PCA\x01", "due", d("2027-06-30")}}, "20261123T100000Z");
  EXPECT_NE(ics.find("X-WR-CALNAME:Échéances cyber — CH\xEF\xBF\xBD Nord\tEst\\nSite "
                     "\xEF\xBF\xBD \xEF\xBF\xBD\r\n"),
            std::string::npos)
      << ics;
  EXPECT_NE(ics.find("SUMMARY:Échéance : PCA\xEF\xBF\xBD (CH\xEF\xBF\xBD"), std::string::npos);
  for (const auto& line : crlf_lines(ics))
    for (char c : line) {
      auto u = static_cast<unsigned char>(c);
      EXPECT_TRUE((u >= 0x20 && u != 0x7F) || c == '\t') << static_cast<int>(u);
    }
  auto feed = evidence::to_icalendar_feed("Échéances\x1B", {}, "https://x.example", d("2026-11-23"),
                                          {}, "20261123T100000Z");
  EXPECT_NE(feed.find("X-WR-CALNAME:Échéances\xEF\xBF\xBD\r\n"), std::string::npos);
}

TEST(ParisDate, FollowsSummerTime) {
  using namespace std::chrono;
  auto at = [](const char* day, int h, int m) {
    return sys_days{*parse_date(day)} + hours{h} + minutes{m};
  };
  EXPECT_EQ(format_date(evidence::paris_date(at("2026-01-15", 22, 59))), "2026-01-15");
  EXPECT_EQ(format_date(evidence::paris_date(at("2026-01-15", 23, 0))), "2026-01-16");
  EXPECT_EQ(format_date(evidence::paris_date(at("2026-06-30", 21, 59))), "2026-06-30");
  EXPECT_EQ(format_date(evidence::paris_date(at("2026-06-30", 22, 0))), "2026-07-01");
  EXPECT_EQ(format_date(evidence::paris_date(at("2026-12-31", 23, 30))), "2027-01-01");
}

class EvidenceExportTest : public ::testing::TestWithParam<const char*> {
 protected:
  EvidenceExportTest() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().evidence().today = [] { return d("2026-11-23"); };
    auto& reg = srv_.app().repo();
    auto a = reg.create(Scope::nation(), establishment_input("750712184", "CH A", {"urgences"}));
    // Authentication on: A's editor records the evidence, a national reader reads the exports.
    carepilot::testing::act_as(srv_, Role::establishment_editor, Scope::establishment(a.id));
    reg.create(Scope::nation(), establishment_input("750100208", "CH B", {"medecine"}));
    auto ehpad = establishment_input("750100224", "EHPAD C", {});
    ehpad.type = "ehpad";
    reg.create(Scope::nation(), ehpad);
    auto r = srv_.send("POST", "/api/v1/establishments/750712184/evidence",
                       json{{"type", "crisis_exercise"},
                            {"date", "2026-03-02"},
                            {"declared_on", "2026-03-10"},
                            {"retex_in_paq", true}}
                           .dump(),
                       "application/json");
    EXPECT_EQ(r.status, 201) << r.body;
    carepilot::testing::act_as(srv_, Role::national_reader, Scope::nation(), "lecteur@test.fr");
  }
  // The CSV row of an obligation, split on ";" (no quoted ";" in these rows).
  std::vector<std::string> csv_row(const std::string& csv, const std::string& id) {
    for (const auto& line : crlf_lines(csv)) {
      if (line.rfind(id + ";", 0) != 0) continue;
      std::vector<std::string> cells;
      std::stringstream ss(line);
      std::string cell;
      while (std::getline(ss, cell, ';')) cells.push_back(cell);
      return cells;
    }
    ADD_FAILURE() << id;
    return {};
  }
  TestServer srv_;
};

TEST_P(EvidenceExportTest, CalendarListsComingDeadlines) {
  auto r = srv_.get("/etablissements/750712184/echeances.ics");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.header("content-type").find("text/calendar"), std::string::npos);
  EXPECT_EQ(r.body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  for (const auto& line : crlf_lines(r.body)) EXPECT_LE(line.size(), 75u) << line;
  // Crisis exercise met for 2026: next deadline end of 2027; maturity due by end of 2026;
  // bia-all-services by 2027-06-30; pca-pra (2025-06-30) has passed: no event.
  EXPECT_NE(r.body.find("UID:750712184-crisis-exercise-20271231@carepilot"), std::string::npos);
  EXPECT_NE(r.body.find("UID:750712184-maturity-self-assessment-20261231@carepilot"),
            std::string::npos);
  EXPECT_NE(r.body.find("UID:750712184-bia-all-services-20270630@carepilot"), std::string::npos);
  EXPECT_EQ(r.body.find("UID:750712184-pca-pra"), std::string::npos);
  EXPECT_NE(r.body.find("DTSTAMP:"), std::string::npos);
  EXPECT_NE(r.body.find("SUMMARY:Programme CaRE : "), std::string::npos);  // its key dates
  EXPECT_EQ(srv_.get("/etablissements/750100224/echeances.ics").body.find("BEGIN:VEVENT"),
            std::string::npos);  // médico-social: nothing applies, programme dates included
}

TEST_P(EvidenceExportTest, DashboardSharesCsvAndXlsx) {
  auto csv = srv_.get("/tableau-de-bord.csv?date=2026-11-23");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);
  // Field case dashboard-csv-excel: BOM, ";", French headers, decimal comma, names.
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFObligation;Titre;Applicables;Satisfaites;À échéance;", 0),
            0u);
  auto crisis = csv_row(csv.body, "crisis-exercise");
  ASSERT_GE(crisis.size(), 12u);
  EXPECT_EQ(crisis[2], "2");  // applicable: the two sanitaires
  EXPECT_EQ(crisis[3], "1");  // met
  EXPECT_EQ(crisis[4], "0");  // due
  EXPECT_EQ(crisis[5], "1");  // overdue: CH B missed its 2025 exercise
  EXPECT_EQ(crisis[6], "1");  // not applicable: the EHPAD
  EXPECT_EQ(crisis[7], "50,0");
  EXPECT_EQ(crisis[10], "80,0");
  EXPECT_EQ(crisis[11], "Non");
  auto pca = csv_row(csv.body, "pca-pra");
  ASSERT_GE(pca.size(), 13u);
  EXPECT_EQ(pca[5], "2");
  EXPECT_EQ(pca[9], "100,0");
  EXPECT_EQ(pca[12], "750712184 — CH A, 750100208 — CH B");

  // Before the instruction, nothing is overdue; another region sees nobody.
  EXPECT_EQ(csv_row(srv_.get("/tableau-de-bord.csv?date=2025-01-01").body, "pca-pra")[5], "0");
  EXPECT_EQ(csv_row(srv_.get("/tableau-de-bord.csv?region=52").body, "crisis-exercise")[2], "0");

  auto page = srv_.get("/tableau-de-bord?date=2026-11-23");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  EXPECT_NE(page.body.find("class=\"cp-target\" x1=\"320\""), std::string::npos);  // 80 % of 400
  EXPECT_NE(page.body.find("class=\"cp-bar-met\" x=\"0\" y=\"4\" width=\"200\""),
            std::string::npos);
  EXPECT_NE(page.body.find("href=\"/etablissements/750100208/conformite?date=2026-11-23\""),
            std::string::npos);
  EXPECT_EQ(page.body.find("style="), std::string::npos);
  EXPECT_EQ(srv_.get("/tableau-de-bord?ght=abc").status, 400);
  // A region or GHT the dashboard does not know: said, naming the filter, and the dashboard of
  // the whole scope shown (issue 20 trial: an empty dashboard, unsaid); 400 keeps it out of the
  // page cache.
  EXPECT_EQ(page.body.find("ne connaît pas la valeur"), std::string::npos);
  for (const auto& [q, label] : std::vector<std::pair<std::string, std::string>>{
           {"region=zz", "Région"}, {"ght=999999", "GHT"}}) {
    auto r = srv_.get("/tableau-de-bord?date=2026-11-23&" + q);
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_NE(r.body.find("Le filtre « " + label + " » ne connaît pas la valeur « " +
                          q.substr(q.find('=') + 1) + " » : il n&#39;est pas appliqué."),
              std::string::npos)
        << q;
    EXPECT_NE(r.body.find("class=\"cp-bar-met\" x=\"0\" y=\"4\" width=\"200\""), std::string::npos)
        << q;
    // Its exports are those of what it shows.
    EXPECT_NE(r.body.find("/tableau-de-bord.csv?date=2026-11-23\""), std::string::npos) << q;
  }

  auto xlsx = srv_.get("/tableau-de-bord.xlsx?date=2026-11-23");
  ASSERT_EQ(xlsx.status, 200);
  ASSERT_GT(xlsx.body.size(), 100u);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_NE(xlsx.header("content-type").find("spreadsheetml"), std::string::npos);
}

// Field case calendar-subscription: the personal secret URL serves, without a session, the
// deadlines of the owner's scope with reminders, overdue items and links.
TEST_P(EvidenceExportTest, CalendarSubscriptionHasOverdueItemsRemindersAndLinks) {
  auto u =
      carepilot::testing::make_user(srv_, "agenda@test.fr", Role::national_reader, Scope::nation());
  auto raw = srv_.app().auth_store().create_calendar_feed(u.id, Actor{"test", "", ""});
  EXPECT_EQ(raw.rfind("cpc_", 0), 0u);
  EXPECT_EQ(raw.size(), 68u);
  auto r = srv_.get("/calendrier/" + raw + "/echeances.ics");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_NE(r.header("content-type").find("text/calendar"), std::string::npos);
  EXPECT_NE(r.header("cache-control").find("no-store"), std::string::npos);
  for (const auto& line : crlf_lines(r.body)) EXPECT_LE(line.size(), 75u) << line;
  std::string ics;  // unfolded
  for (const auto& line : crlf_lines(r.body))
    ics += (!line.empty() && line[0] == ' ') ? line.substr(1) : "\n" + line;
  // A coming deadline with its two reminders and a link to the compliance page.
  auto ev = ics.find("UID:750712184-crisis-exercise-20271231@carepilot");
  ASSERT_NE(ev, std::string::npos) << ics;
  auto end = ics.find("END:VEVENT", ev);
  std::string event = ics.substr(ev, end - ev);
  EXPECT_NE(event.find("\nBEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-P30D\n"), std::string::npos)
      << event;
  EXPECT_NE(event.find("TRIGGER:-P7D"), std::string::npos);
  EXPECT_NE(event.find("/etablissements/750712184/conformite"), std::string::npos);
  EXPECT_NE(event.find("\nURL:"), std::string::npos);
  // An overdue obligation: CH B missed its 2025 crisis exercise; it stands on today.
  auto late = ics.find("UID:750100208-crisis-exercise-retard@carepilot");
  ASSERT_NE(late, std::string::npos) << ics;
  std::string overdue = ics.substr(late, ics.find("END:VEVENT", late) - late);
  EXPECT_NE(overdue.find("DTSTART;VALUE=DATE:20261123"), std::string::npos) << overdue;
  EXPECT_NE(overdue.find("SUMMARY:En retard : "), std::string::npos) << overdue;
  EXPECT_NE(overdue.find("TRIGGER:PT9H"), std::string::npos) << overdue;
  EXPECT_NE(overdue.find("/etablissements/750100208/conformite"), std::string::npos);
  // CH A met its exercise: no overdue event for it; the EHPAD has none at all.
  EXPECT_EQ(ics.find("UID:750712184-crisis-exercise-retard"), std::string::npos);
  EXPECT_EQ(ics.find("UID:750100224-"), std::string::npos);
  // Revoked: gone; the account page shows the URL once.
  EXPECT_TRUE(srv_.app().auth_store().revoke_calendar_feed(u.id, Actor{"test", "", ""}));
  EXPECT_EQ(srv_.get("/calendrier/" + raw + "/echeances.ics").status, 404);
}

// The subscription of a GHT, regional or national user reads the stored status rows
// (evidence/stored.hpp), never evaluates its scope in the request: the same text as the engine
// over the whole scope gives (the feed as it was computed before), after a write and after a
// recomputation of the nation; a row changed by hand shows that the rows are what is read.
class CalendarFeedStoredTest : public EvidenceExportTest {
 protected:
  // The feed without its DTSTAMP lines (the second it was written).
  // The feed without its DTSTAMP lines and without the programme's key dates (the same for
  // every subscriber, from the knowledge base: KnowledgePagesTest checks them), which the
  // engine's oracle below does not compute.
  static std::string without_stamps(const std::string& ics) {
    std::string out, event;
    bool programme = false;
    for (const auto& line : crlf_lines(ics)) {
      if (line.rfind("DTSTAMP:", 0) == 0) continue;
      if (line == "BEGIN:VEVENT") {
        event.clear();
        programme = false;
      }
      if (line.rfind("UID:care-", 0) == 0) programme = true;
      if (!event.empty() || line == "BEGIN:VEVENT") {
        event += line + "\r\n";
        if (line == "END:VEVENT") {
          if (!programme) out += event;
          event.clear();
        }
        continue;
      }
      out += line + "\r\n";
    }
    return out;
  }
  std::string feed(const std::string& token) {
    auto r = srv_.get("/calendrier/" + token + "/echeances.ics");
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
    // The server's public URL, as its events link to it.
    if (auto at = r.body.find("\r\nURL:"); at != std::string::npos)
      public_url_ = r.body.substr(at + 6, r.body.find("/etablissements/", at) - at - 6);
    return without_stamps(r.body);
  }
  // The oracle: the engine over every establishment of `scope` as of `today`, as the route
  // computed it before it read the stored rows.
  std::string engine_feed(const Scope& scope, const std::string& email, const Date& today) {
    auto& repo = srv_.app().evidence_repo();
    std::vector<evidence::FeedEvent> events;
    for (const auto& loaded : repo.load_all(scope, {}, false)) {
      const auto& est = loaded.establishment;
      auto report = repo.compliance(loaded, today);
      for (const auto& o : report.obligations)
        if (o.status == engine::Status::overdue)
          events.push_back(
              {est.finess_et, est.name, o.id, o.title, o.deadline.value_or(today), true});
      for (const auto& dl : evidence::coming_deadlines(repo.referential(), report, today))
        events.push_back({est.finess_et, est.name, dl.obligation_id, dl.title, dl.date, false});
    }
    // The programme's dates (dropped by without_stamps) as the route adds them: a deadline
    // that is also a programme date mentions it.
    if (const auto& dates = srv_.app().evidence().programme_dates)
      for (auto& e : dates()) events.push_back(std::move(e));
    return without_stamps(
        evidence::to_icalendar_feed("Échéances cyber — " + email, events, public_url_, today,
                                    evidence::ReminderPolicy::builtin(), evidence::utc_stamp()));
  }
  std::string public_url_;
  long long id_of(const std::string& finess) {
    long long id = 0;
    auto s = srv_.db().db().lease();
    *s << "SELECT id FROM establishments WHERE finess_et = :f", soci::use(finess), soci::into(id);
    return id;
  }
};

TEST_P(CalendarFeedStoredTest, NationalAndRegionalFeedsEqualTheEngineBeforeAndAfterAWrite) {
  const Date today = d("2026-11-23");
  auto nat = carepilot::testing::make_user(srv_, "national-agenda@test.fr", Role::national_reader,
                                           Scope::nation());
  auto reg = carepilot::testing::make_user(srv_, "regional-agenda@test.fr", Role::regional_reader,
                                           Scope::region("11"));
  auto nat_token = srv_.app().auth_store().create_calendar_feed(nat.id, Actor{"test", "", ""});
  auto reg_token = srv_.app().auth_store().create_calendar_feed(reg.id, Actor{"test", "", ""});
  auto check = [&](const std::string& when) {
    EXPECT_EQ(feed(nat_token), engine_feed(Scope::nation(), nat.email, today)) << when;
    EXPECT_EQ(feed(reg_token), engine_feed(Scope::region("11"), reg.email, today)) << when;
  };
  const auto before = feed(nat_token);
  EXPECT_NE(before.find("UID:750100208-crisis-exercise-retard@carepilot"), std::string::npos);
  check("before the write");

  // A write: CH B records its crisis exercise; its overdue event goes in the same request.
  carepilot::testing::act_as(srv_, Role::establishment_editor,
                             Scope::establishment(id_of("750100208")), "ch-b@test.fr");
  auto w = srv_.send("POST", "/api/v1/establishments/750100208/evidence",
                     json{{"type", "crisis_exercise"},
                          {"date", "2026-11-20"},
                          {"declared_on", "2026-11-21"},
                          {"retex_in_paq", true}}
                         .dump(),
                     "application/json");
  ASSERT_EQ(w.status, 201) << w.body;
  const auto after = feed(nat_token);
  EXPECT_NE(after, before);
  EXPECT_EQ(after.find("UID:750100208-crisis-exercise-retard@carepilot"), std::string::npos);
  check("after the write");

  // The daily recomputation of the nation for the same day changes nothing.
  evidence::recompute_all(srv_.db().db(), srv_.app().evidence_repo(), today);
  EXPECT_EQ(feed(nat_token), after);
  check("after the recomputation");

  // What is served is the stored rows: one changed by hand shows in the national feed.
  {
    auto s = srv_.db().db().lease();
    long long id = id_of("750712184");
    *s << "UPDATE compliance_status SET status = 'overdue', deadline = '2026-11-01' WHERE "
          "establishment_id = :e AND obligation = 'crisis-exercise'",
        soci::use(id);
  }
  EXPECT_NE(feed(nat_token).find("UID:750712184-crisis-exercise-retard@carepilot"),
            std::string::npos);
  // An establishment user's feed still evaluates its one establishment.
  auto own = carepilot::testing::make_user(srv_, "ch-a-agenda@test.fr", Role::establishment_reader,
                                           Scope::establishment(id_of("750712184")));
  auto own_token = srv_.app().auth_store().create_calendar_feed(own.id, Actor{"test", "", ""});
  EXPECT_EQ(feed(own_token).find("UID:750712184-crisis-exercise-retard@carepilot"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, CalendarFeedStoredTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

INSTANTIATE_TEST_SUITE_P(Backends, EvidenceExportTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
