// The personal calendar subscription: GET /calendrier/:token/echeances.ics serves, without a
// session, the iCalendar of the deadlines of every establishment in the scope of the token's
// owner (as the owner's role and scope stand at each request): coming deadlines with
// reminders, overdue obligations, a link to each establishment's compliance page. The token
// is created, shown once and revoked on the account page (/compte); an unknown or revoked
// token, or a disabled owner, gets 404.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "auth/store.hpp"
#include "common/date.hpp"
#include "evidence/calendar.hpp"
#include "evidence/repository.hpp"
#include "http/routes.hpp"

namespace carepilot::web {

struct CalendarFeedContext {
  auth::AuthStore& store;
  evidence::Repository& evidence;
  std::function<Date()> today;
  std::string public_url;
  // VALARM lead times (data/calendar/reminders.yaml).
  evidence::ReminderPolicy reminders = evidence::ReminderPolicy::builtin();
  // The programme's key dates (issue 20), added to every subscription; unset: none.
  std::function<std::vector<evidence::FeedEvent>()> programme_dates = nullptr;
  // The deadlines of the funding calls that wait for the candidatures of the owner's scope
  // (issue 18); unset: none.
  std::function<std::vector<evidence::FeedEvent>(const Scope&, const Date&)> scoped_dates = nullptr;
};

void add_calendar_feed_route(http::RouteTable& routes, CalendarFeedContext& ctx);

}  // namespace carepilot::web
