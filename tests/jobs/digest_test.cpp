// The weekly reminder digest: what it lists (boundaries of the 30 days and of "since the
// previous digest"), counts per obligation for national and regional users, French text with
// real plurals, the opt-out, one digest per week, delivery through a local SMTP sink on
// 127.0.0.1 and the log line without SMTP.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "accounts.hpp"
#include "auth/mailer.hpp"
#include "evidence/stored.hpp"
#include "jobs/digest.hpp"
#include "jobs/runner.hpp"
#include "test_server.hpp"
#include "web/demo.hpp"

namespace carepilot::testing {
namespace {

using engine::EstablishmentReport;
using engine::ObligationResult;
using engine::Status;

Date day(const std::string& s) {
  return *parse_date(s);
}

ObligationResult ob(const std::string& id, const std::string& title, Status st,
                    const std::string& deadline) {
  ObligationResult o;
  o.id = id;
  o.title = title;
  o.status = st;
  o.deadline = day(deadline);
  return o;
}

// Today: Monday 30 November 2026; the previous digest: Monday 23 November.
std::vector<EstablishmentReport> sample_reports() {
  EstablishmentReport a{"490000155", "Centre hospitalier de Cholet", "hospital", {}};
  a.obligations = {
      ob("exercise", "Exercice de crise", Status::due, "2026-12-30"),   // today + 30: listed
      ob("bia", "Analyse d'impact", Status::due, "2026-12-31"),         // today + 31: not
      ob("declare", "Déclaration", Status::overdue, "2026-11-23"),      // since: listed
      ob("audit", "Audit", Status::overdue, "2026-11-22"),              // before since: not
      ob("training", "Formation", Status::met, "2026-12-10"),           // met: not
      ob("mfa", "Double authentification", Status::due, "2026-11-30"),  // today: listed
  };
  EstablishmentReport b{"490000676", "Clinique de l'Anjou", "clinic", {}};
  b.obligations = {ob("exercise", "Exercice de crise", Status::due, "2026-12-15"),
                   ob("declare", "Déclaration", Status::overdue, "2026-11-29")};
  return {a, b};
}

TEST(DigestContent, ListsTheNext30DaysAndWhatBecameOverdueSinceThePreviousDigest) {
  auto c = jobs::digest_content(sample_reports(), day("2026-11-30"), day("2026-11-23"), 30, false);
  ASSERT_EQ(c.coming.size(), 3u);
  EXPECT_EQ(c.coming[0].title, "Double authentification");
  EXPECT_EQ(c.coming[1].deadline, day("2026-12-15"));
  EXPECT_EQ(c.coming[2].deadline, day("2026-12-30"));
  ASSERT_EQ(c.newly_overdue.size(), 2u);
  EXPECT_EQ(c.newly_overdue[0].deadline, day("2026-11-23"));
  EXPECT_EQ(c.newly_overdue[1].establishment, "Clinique de l'Anjou");
  EXPECT_FALSE(c.empty());

  auto text =
      jobs::digest_body(c, "Claire Martin", day("2026-11-30"), 30, "https://carepilot.test/compte");
  EXPECT_NE(text.find("Bonjour Claire Martin"), std::string::npos);
  EXPECT_NE(text.find("au 30/11/2026"), std::string::npos);
  EXPECT_NE(text.find("(3 échéances)"), std::string::npos) << text;
  EXPECT_NE(
      text.find("- 30/12/2026 : Exercice de crise — 490000155 — Centre hospitalier de Cholet"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("(2 obligations)"), std::string::npos);
  EXPECT_NE(text.find("https://carepilot.test/compte"), std::string::npos);
  EXPECT_EQ(text.find("2026-12"), std::string::npos) << "no ISO date in the text";
  EXPECT_EQ(text.find("exercise"), std::string::npos) << "no internal code in the text";
  EXPECT_EQ(jobs::digest_subject(c),
            "carepilot : 3 échéances à venir, 2 obligations passées en retard");
}

TEST(DigestContent, SingularsAndNothingToSay) {
  auto reports = sample_reports();
  reports.resize(1);
  reports[0].obligations.resize(1);
  auto c = jobs::digest_content(reports, day("2026-11-30"), day("2026-11-23"), 30, false);
  EXPECT_EQ(jobs::digest_subject(c), "carepilot : 1 échéance à venir");
  auto text = jobs::digest_body(c, "", day("2026-11-30"), 30, "u");
  EXPECT_NE(text.find("(1 échéance)"), std::string::npos) << text;
  EXPECT_NE(text.find("depuis le dernier récapitulatif : aucune."), std::string::npos) << text;
  auto none = jobs::digest_content(reports, day("2027-06-01"), day("2027-05-25"), 30, false);
  EXPECT_TRUE(none.empty());
}

TEST(DigestContent, NationalAndRegionalUsersGetCountsPerObligation) {
  auto c = jobs::digest_content(sample_reports(), day("2026-11-30"), day("2026-11-23"), 30, true);
  EXPECT_TRUE(c.coming.empty());
  ASSERT_EQ(c.counts.size(), 3u);
  EXPECT_EQ(c.counts[0].title, "Exercice de crise");
  EXPECT_EQ(c.counts[0].coming, 2);
  EXPECT_EQ(c.counts[1].title, "Déclaration");
  EXPECT_EQ(c.counts[1].newly_overdue, 2);
  auto text = jobs::digest_body(c, "", day("2026-11-30"), 30, "u");
  EXPECT_NE(text.find("- Exercice de crise : 2 établissements avec une échéance dans les 30 "
                      "prochains jours"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("- Double authentification : 1 établissement avec"), std::string::npos);
  EXPECT_NE(text.find("2 établissements passés en retard"), std::string::npos);
  EXPECT_EQ(text.find("Cholet"), std::string::npos) << "no list of establishments";
}

// ---- sending ---------------------------------------------------------------------------------

struct Sent {
  std::string to, subject, body;
};

class DigestSendTest : public ::testing::TestWithParam<const char*> {
 protected:
  DigestSendTest() : srv_(std::make_unique<TestServer>(GetParam())) {}
  explicit DigestSendTest(const carepilot::testing::Seed& seed)
      : srv_(std::make_unique<TestServer>(GetParam(), seed)) {}
  jobs::ScopeStatuses statuses() {
    return [this](const Scope&, const Date&) {
      ++evaluations_;
      return sample_reports();
    };
  }
  auth::Mailer mailer() {
    return [this](const std::string& to, const std::string& s, const std::string& b) {
      sent_.push_back({to, s, b});
    };
  }
  int send(const std::string& week, const std::string& today) {
    return jobs::send_weekly_digests(srv_->app().auth_store(), statuses(), mailer(),
                                     {30, "https://carepilot.test"}, week, day(today), 1);
  }
  std::unique_ptr<TestServer> srv_;
  std::vector<Sent> sent_;
  int evaluations_ = 0;
};

// The same over a copy of the demo territory as of 7 December 2026 (test_db.hpp, Seed).
class DigestDemoTest : public DigestSendTest {
 protected:
  DigestDemoTest() : DigestSendTest(seed()) {}
  static const carepilot::testing::Seed& seed() {
    static const auto s = carepilot::testing::demo_seed(day("2026-12-07"));
    return s;
  }
};

TEST_P(DigestSendTest, OncePerWeekPerUserRespectingTheOptOut) {
  auto est = make_user(*srv_, "rssi@essai.fr", Role::establishment_editor, Scope::establishment(1));
  auto nat = make_user(*srv_, "national@essai.fr", Role::national_reader, Scope::nation());
  auto off =
      make_user(*srv_, "silence@essai.fr", Role::establishment_reader, Scope::establishment(1));
  auto gone =
      make_user(*srv_, "parti@essai.fr", Role::establishment_reader, Scope::establishment(1));
  auto& store = srv_->app().auth_store();
  EXPECT_TRUE(store.weekly_digest(off.id)) << "on by default";
  ASSERT_TRUE(store.set_weekly_digest(off.id, false, Actor{"silence@essai.fr"}));
  EXPECT_FALSE(store.weekly_digest(off.id));
  auto disabled = gone;
  disabled.disabled = true;
  store.update_user(gone, disabled, "test", Actor{"test"});

  EXPECT_EQ(send("2026-W49", "2026-11-30"), 2);
  ASSERT_EQ(sent_.size(), 2u);
  EXPECT_EQ(sent_[0].to, "rssi@essai.fr");
  EXPECT_NE(sent_[0].body.find("Centre hospitalier de Cholet"), std::string::npos);
  EXPECT_EQ(sent_[1].to, "national@essai.fr");
  EXPECT_NE(sent_[1].body.find("Par obligation"), std::string::npos);
  EXPECT_EQ(evaluations_, 2) << "one evaluation per distinct scope";

  // The same week again (another instance, a retried job): nobody gets it twice.
  EXPECT_EQ(send("2026-W49", "2026-11-30"), 0);
  EXPECT_EQ(sent_.size(), 2u);

  // Turned back on: the next week reaches them.
  store.set_weekly_digest(off.id, true, Actor{"silence@essai.fr"});
  EXPECT_EQ(send("2026-W50", "2026-12-07"), 3);
  EXPECT_EQ(sent_.size(), 5u);
  // "Since the previous digest": 30/11 for those who had it (nothing became overdue since),
  // a week back for the newcomer.
  EXPECT_NE(sent_[2].body.find("depuis le dernier récapitulatif : aucune."), std::string::npos)
      << sent_[2].body;
}

TEST_P(DigestSendTest, TheJobHandlerSendsTheWeekOfItsPayload) {
  make_user(*srv_, "rssi@essai.fr", Role::establishment_editor, Scope::establishment(1));
  jobs::Runner r(srv_->db().db(), jobs::Settings::builtin(), "t");
  // Monday 30 November 2026, 08:00 Paris.
  r.now = [] { return std::int64_t{1'796'022'000}; };
  r.on("reminders.weekly", jobs::reminders_handler(srv_->app().auth_store(), statuses(), mailer(),
                                                   {30, "https://carepilot.test"}));
  EXPECT_EQ(r.enqueue_recurring(), 1);
  ASSERT_TRUE(r.run_once());
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_NE(sent_[0].body.find("au 30/11/2026"), std::string::npos) << sent_[0].body;
  auto done = r.queue().list(jobs::State::done, 5);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].payload["week"], "2026-W49");
}

// The engine over the demo territory: a week before the end of the year (the deadline of the
// yearly and quarterly obligations), the establishments' due obligations are listed.
TEST_P(DigestDemoTest, TheEngineOverTheDemoTerritory) {
  auto today = day("2026-12-07");
  web::load_demo(srv_->app(), today);
  auto reports = jobs::engine_statuses(srv_->app().evidence_repo())(Scope::nation(), today);
  ASSERT_GT(reports.size(), 1u);
  auto c = jobs::digest_content(reports, today, add_days(today, -7), 30, true);
  auto listed = jobs::digest_content(reports, today, add_days(today, -7), 30, false);
  int coming = 0, overdue = 0;
  for (const auto& n : c.counts) {
    coming += n.coming;
    overdue += n.newly_overdue;
  }
  EXPECT_EQ(coming, static_cast<int>(listed.coming.size()));
  EXPECT_EQ(overdue, static_cast<int>(listed.newly_overdue.size()));
  EXPECT_GT(coming, 0);
  int due = 0, late = 0;
  for (const auto& r : reports)
    for (const auto& o : r.obligations) {
      due += o.status == Status::due;
      late += o.status == Status::overdue;
    }
  std::cout << reports.size() << " establishments, " << due << " due, " << late << " overdue; "
            << coming << " due within 30 days, " << overdue << " overdue since a week\n";
}

// What the server sends from: the stored status rows (jobs::stored_statuses). After the daily
// recomputation they give exactly the engine's statuses; a row changed by hand is what the
// digest shows (the rows are read, not re-evaluated); an establishment whose rows were
// computed for another day is evaluated afresh instead (never yesterday's status as today's).
TEST_P(DigestDemoTest, ReadsTheStoredRowsOfTheDayAndEvaluatesStaleOnes) {
  auto today = day("2026-12-07");
  auto& repo = srv_->app().evidence_repo();
  auto& db = srv_->db().db();
  web::load_demo(srv_->app(), today);
  evidence::recompute_all(db, repo, today);
  auto engine = jobs::engine_statuses(repo);
  auto stored = jobs::stored_statuses(repo);
  auto same = [](const std::vector<EstablishmentReport>& a,
                 const std::vector<EstablishmentReport>& b, const std::string& what) {
    ASSERT_EQ(a.size(), b.size()) << what;
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].finess, b[i].finess) << what;
      EXPECT_EQ(a[i].name, b[i].name) << what;
      ASSERT_EQ(a[i].obligations.size(), b[i].obligations.size()) << what << a[i].finess;
      for (std::size_t k = 0; k < a[i].obligations.size(); ++k) {
        const auto &x = a[i].obligations[k], &y = b[i].obligations[k];
        EXPECT_EQ(x.id, y.id) << what;
        EXPECT_EQ(x.title, y.title) << what;
        EXPECT_EQ(x.status, y.status) << what << a[i].finess << " " << x.id;
        EXPECT_EQ(x.deadline, y.deadline) << what << a[i].finess << " " << x.id;
      }
    }
  };
  for (const auto& scope : {Scope::nation(), Scope::region("52")})
    same(stored(scope, today), engine(scope, today), "after the recomputation");

  // A due obligation with a deadline within 30 days, in a GHT-scope user's digest.
  auto rows = evidence::stored_reports(db, repo.referential(), Scope::nation(), {});
  long long est = 0;
  std::string finess, obligation, title;
  std::int64_t ght = 0;
  for (const auto& r : rows)
    for (const auto& o : r.report.obligations)
      if (est == 0 && r.ght_id && o.status == Status::due && o.deadline &&
          *o.deadline <= add_days(today, 30)) {
        est = r.establishment_id;
        ght = *r.ght_id;
        finess = r.report.finess;
        obligation = o.id;
        title = o.title;
      }
  ASSERT_NE(est, 0) << "the demo territory has a deadline within 30 days";
  auto user = make_user(*srv_, "ght@essai.fr", Role::ght_reader, Scope::ght(ght));
  (void)user;
  auto lists = [&](const std::vector<EstablishmentReport>& reports) {
    for (const auto& l :
         jobs::digest_content(reports, today, add_days(today, -7), 30, false).coming)
      if (l.finess == finess && l.title == title) return true;
    return false;
  };
  ASSERT_TRUE(lists(stored(Scope::ght(ght), today)));
  // Changed by hand (still computed for today): the digest says what the row says.
  {
    auto s = db.lease();
    *s << "UPDATE compliance_status SET status = 'met' WHERE establishment_id = :e AND "
          "obligation = :o",
        soci::use(est), soci::use(obligation);
  }
  EXPECT_FALSE(lists(stored(Scope::ght(ght), today)));
  EXPECT_TRUE(lists(engine(Scope::ght(ght), today)));
  // Through the job's sending path: the mail of the GHT user lacks that line.
  int sent = jobs::send_weekly_digests(srv_->app().auth_store(), stored, mailer(),
                                       {30, "https://carepilot.test"}, "2026-W50", today, 1);
  EXPECT_GE(sent, 1);
  bool seen = false;
  for (const auto& m : sent_)
    if (m.to == "ght@essai.fr") {
      seen = true;
      EXPECT_EQ(m.body.find(title + " — " + finess), std::string::npos) << m.body;
    }
  EXPECT_TRUE(seen);
  // The same row computed for another day: that establishment is evaluated afresh.
  {
    auto s = db.lease();
    *s << "UPDATE compliance_status SET computed_for = '2026-12-06' WHERE establishment_id = :e "
          "AND obligation = :o",
        soci::use(est), soci::use(obligation);
  }
  EXPECT_TRUE(lists(stored(Scope::ght(ght), today)));
  same(stored(Scope::nation(), today), engine(Scope::nation(), today), "one stale establishment");
  // The day after, before the daily recomputation: every row is of another day, the digest
  // is the engine's.
  auto next = add_days(today, 1);
  same(stored(Scope::nation(), next), engine(Scope::nation(), next), "rows of the day before");
}

INSTANTIATE_TEST_SUITE_P(Backends, DigestDemoTest, ::testing::ValuesIn(kBackends));
INSTANTIATE_TEST_SUITE_P(Backends, DigestSendTest, ::testing::ValuesIn(kBackends));

// ---- delivery --------------------------------------------------------------------------------

// A minimal SMTP server on 127.0.0.1 that accepts every message and keeps its DATA.
class SmtpSink {
 public:
  SmtpSink() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    int one = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(fd_, 4) != 0)
      throw std::runtime_error("smtp sink: bind");
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~SmtpSink() {
    stop_ = true;
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> messages() {
    std::lock_guard lk(mu_);
    return messages_;
  }

 private:
  void serve() {
    for (int n = 0; n < 20 && !stop_; ++n) {  // bounded: at most 20 connections
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      timeval tv{5, 0};
      setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      session(c);
      close(c);
    }
  }
  static void say(int c, const std::string& s) {
    auto r = ::send(c, s.data(), s.size(), MSG_NOSIGNAL);
    (void)r;
  }
  void session(int c) {
    say(c, "220 sink ESMTP\r\n");
    std::string buf, data;
    bool in_data = false;
    char tmp[4096];
    for (int rounds = 0; rounds < 1000; ++rounds) {
      auto got = recv(c, tmp, sizeof tmp, 0);
      if (got <= 0) return;
      buf.append(tmp, static_cast<std::size_t>(got));
      for (;;) {
        if (in_data) {
          auto end = buf.find("\r\n.\r\n");
          if (end == std::string::npos) break;
          data += buf.substr(0, end);
          buf.erase(0, end + 5);
          in_data = false;
          {
            std::lock_guard lk(mu_);
            messages_.push_back(data);
          }
          data.clear();
          say(c, "250 OK\r\n");
          continue;
        }
        auto eol = buf.find("\r\n");
        if (eol == std::string::npos) break;
        std::string line = buf.substr(0, eol);
        buf.erase(0, eol + 2);
        if (line.rfind("DATA", 0) == 0) {
          in_data = true;
          say(c, "354 go on\r\n");
        } else if (line.rfind("QUIT", 0) == 0) {
          say(c, "221 bye\r\n");
          return;
        } else {
          say(c, "250 OK\r\n");
        }
      }
    }
  }
  int fd_ = -1;
  unsigned short port_ = 0;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<std::string> messages_;
};

TEST(DigestDelivery, ThroughTheInvitationsSmtpSettingsToALocalSink) {
  SmtpSink sink;
  auth::AuthOptions o;
  o.smtp_url = sink.url();
  o.smtp_from = "carepilot@essai.fr";
  auto mail = auth::make_mailer(o);
  auto c = jobs::digest_content(sample_reports(), day("2026-11-30"), day("2026-11-23"), 30, false);
  mail("rssi@essai.fr", jobs::digest_subject(c),
       jobs::digest_body(c, "", day("2026-11-30"), 30, "https://carepilot.test/compte"));
  auto m = sink.messages();
  ASSERT_EQ(m.size(), 1u);
  EXPECT_NE(m[0].find("To: rssi@essai.fr"), std::string::npos);
  EXPECT_NE(m[0].find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(m[0].find("Exercice de crise"), std::string::npos) << m[0];
  EXPECT_NE(m[0].find("30/12/2026"), std::string::npos);
}

TEST(DigestDelivery, WrittenToTheLogWithoutSmtp) {
  auto mail = auth::make_mailer(auth::AuthOptions{});
  auto c = jobs::digest_content(sample_reports(), day("2026-11-30"), day("2026-11-23"), 30, false);
  std::ostringstream captured;
  auto* old = std::cout.rdbuf(captured.rdbuf());
  mail("rssi@essai.fr", jobs::digest_subject(c),
       jobs::digest_body(c, "", day("2026-11-30"), 30, "u"));
  std::cout.rdbuf(old);
  auto line = nlohmann::json::parse(captured.str());
  EXPECT_EQ(line["event"], "mail");
  EXPECT_EQ(line["to"], "rssi@essai.fr");
  EXPECT_EQ(line["subject"], "carepilot : 3 échéances à venir, 2 obligations passées en retard");
  EXPECT_NE(line["body"].get<std::string>().find("Déclaration"), std::string::npos);
}

}  // namespace
}  // namespace carepilot::testing
