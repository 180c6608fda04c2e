#include "web/calendar_feed.hpp"

#include <algorithm>

#include "common/errors.hpp"
#include "evidence/calendar.hpp"
#include "evidence/stored.hpp"

namespace carepilot::web {

using http::Request;
using http::Response;
using http::RouteKind;

void add_calendar_feed_route(http::RouteTable& routes, CalendarFeedContext& ctx) {
  routes.get(
      "/calendrier/:token/echeances.ics", RouteKind::page,
      [&ctx](Request& req) {
        auto owner_id = ctx.store.calendar_feed_owner(req.param("token"));
        auto owner = owner_id ? ctx.store.user_by_id(*owner_id) : std::nullopt;
        if (!owner || owner->disabled)
          throw UserError::not_found("Abonnement au calendrier inconnu ou révoqué.");
        const Date today = ctx.today();
        std::vector<evidence::FeedEvent> events;
        auto add = [&](const engine::EstablishmentReport& report) {
          for (const auto& o : report.obligations)
            if (o.status == engine::Status::overdue)
              events.push_back(
                  {report.finess, report.name, o.id, o.title, o.deadline.value_or(today), true});
          for (const auto& d :
               evidence::coming_deadlines(ctx.evidence.referential(), report, today))
            events.push_back({report.finess, report.name, d.obligation_id, d.title, d.date, false});
        };
        if (owner->scope.level == Scope::Level::establishment) {
          // One establishment: the engine over its evidence, as of today.
          for (const auto& loaded : ctx.evidence.load_all(owner->scope, {}, false))
            add(ctx.evidence.compliance(loaded, today));
        } else {
          // A GHT, a region, the nation: the stored status rows (evidence/stored.hpp), never
          // an evaluation of the scope in a request.
          for (const auto& r : evidence::stored_reports(
                   ctx.evidence.database(), ctx.evidence.referential(), owner->scope, {}))
            add(r.report);
        }
        if (ctx.programme_dates)
          for (auto& e : ctx.programme_dates()) events.push_back(std::move(e));
        if (ctx.scoped_dates)
          for (auto& e : ctx.scoped_dates(owner->scope, today)) events.push_back(std::move(e));
        auto ics =
            evidence::to_icalendar_feed("Échéances cyber — " + owner->email, events, ctx.public_url,
                                        today, ctx.reminders, evidence::utc_stamp());
        return Response::text(std::move(ics), "text/calendar; charset=utf-8")
            .header("Cache-Control", "private, no-store")
            .header("Referrer-Policy", "no-referrer");
      },
      false, Access::open);
}

}  // namespace carepilot::web
