// The weekly reminder digest (job "reminders.weekly", docs/jobs.md): one e-mail per user who
// has not turned it off (account page), listing the deadlines of their scope in the next
// days and what became overdue since their previous digest; a national or regional user
// gets counts per obligation instead of thousands of lines. Sent through the invitations'
// mailer (SMTP, or a JSON line in the log without SMTP); one digest per user and ISO week.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "auth/mailer.hpp"
#include "auth/store.hpp"
#include "common/date.hpp"
#include "common/scope.hpp"
#include "engine/report.hpp"
#include "evidence/repository.hpp"
#include "store/database.hpp"

namespace carepilot::jobs {

// The statuses of every establishment of a scope as of a date: the one place the digest
// reads compliance from.
using ScopeStatuses =
    std::function<std::vector<engine::EstablishmentReport>(const Scope&, const Date&)>;
// What the server uses: the stored status rows of the scope (evidence::reports_as_of). An
// establishment whose rows were not computed for that date (the daily recomputation has not
// run yet, or failed) is evaluated afresh by the engine instead, so a digest never reports
// yesterday's statuses as today's.
ScopeStatuses stored_statuses(evidence::Repository& evidence);
// The engine over the stored evidence of the whole scope (the reference the stored reader is
// tested against).
ScopeStatuses engine_statuses(evidence::Repository& evidence);

struct DigestLine {
  std::string finess, establishment, title;
  Date deadline{};
};

struct DigestCount {
  std::string title;
  int coming = 0;         // establishments with this obligation due within the horizon
  int newly_overdue = 0;  // establishments for which it became overdue since the last digest
};

struct DigestContent {
  bool summarised = false;                // counts per obligation (national, regional scope)
  std::vector<DigestLine> coming;         // due, deadline in [today, today + horizon]
  std::vector<DigestLine> newly_overdue;  // overdue, deadline in [since, today)
  std::vector<DigestCount> counts;        // when summarised, in referential order
  bool empty() const;
};

// What a digest says about `reports` on `today`: due deadlines within `horizon_days`, and
// the obligations whose deadline passed on or after `since` without being met.
DigestContent digest_content(const std::vector<engine::EstablishmentReport>& reports,
                             const Date& today, const Date& since, int horizon_days,
                             bool summarise);

// The French subject and plain-text body. `account_url` is where the digest is turned off.
std::string digest_subject(const DigestContent& c);
std::string digest_body(const DigestContent& c, const std::string& display_name, const Date& today,
                        int horizon_days, const std::string& account_url);

struct DigestOptions {
  int horizon_days = 30;
  std::string public_url;  // links in the mail (account page)
};

// Sends the digest of ISO week `week` to every enabled user who wants it and has not had it
// for that week. A user whose scope has nothing to report gets no mail (the week is still
// marked done). Returns the number of mails sent.
int send_weekly_digests(auth::AuthStore& store, const ScopeStatuses& statuses,
                        const auth::Mailer& mail, const DigestOptions& opts,
                        const std::string& week, const Date& today, std::int64_t now);

// The handler of "reminders.weekly" (payload {"week": "YYYY-Www"}): sends the week's digests
// as of the Paris date of the runner's clock.
struct JobContext;
std::function<void(const nlohmann::json&, JobContext&)> reminders_handler(auth::AuthStore& store,
                                                                          ScopeStatuses statuses,
                                                                          auth::Mailer mail,
                                                                          DigestOptions opts);

}  // namespace carepilot::jobs
