// « Envoyer au PAQ » for a continuity test's lessons (issue 15; continuity/lessons.hpp): the
// page's buttons (POST …/continuite/tests/:id/paq and …/restaurations/:id/paq, then the PAQ
// action's page) and the API (POST …/continuity/tests/:id/paq and …/restore-tests/:id/paq:
// 201 with the action made, 200 with the one already made). Checks: the body (page: a form,
// 400), the test (404, another establishment's too), then 422 naming the field.
#include "continuity/pages/routes.hpp"
#include "continuity/store/lessons.hpp"
#include "http/form_post.hpp"
#include "http/json_body.hpp"
#include "http/request.hpp"

namespace carepilot::continuity {

using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

std::int64_t test_id(const Request& req, const char* not_found) {
  std::string v = req.param("id");
  if (!v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos) {
    long long n = std::stoll(v);
    if (n > 0) return n;
  }
  throw UserError::not_found(not_found);
}

struct Sendable {
  const char* page_segment;  // "tests", "restaurations"
  const char* api_segment;   // "tests", "restore-tests"
  const char* not_found;
  paq::Action (Lessons::*send)(const Scope&, const std::string&, std::int64_t, const Date&,
                               const Actor&, bool*);
};
const Sendable kSendables[] = {{"tests", "tests", "Test introuvable.", &Lessons::send_plan_test},
                               {"restaurations", "restore-tests",
                                "Test de restauration introuvable.", &Lessons::send_restore_test}};

}  // namespace

void add_lesson_routes(http::RouteTable& routes, Context& ctx) {
  if (!ctx.lessons) return;
  for (const Sendable& s : kSendables) {
    routes.post("/etablissements/:finess/continuite/" + std::string(s.page_segment) + "/:id/paq",
                RouteKind::page, [&ctx, &s](Request& req) {
                  http::form_fields(req);  // 400 for a body that is not a form
                  bool created = false;
                  auto act = (ctx.lessons->*s.send)(req.caller.scope, req.param("finess"),
                                                    test_id(req, s.not_found), ctx.today(),
                                                    req.actor(), &created);
                  return Response::redirect("/etablissements/" + req.param("finess") + "/paq/" +
                                            std::to_string(act.id) + (created ? "?cree=1" : ""));
                });
    routes.post(
        "/api/v1/establishments/:finess/continuity/" + std::string(s.api_segment) + "/:id/paq",
        RouteKind::api, [&ctx, &s](Request& req) {
          bool created = false;
          auto act =
              (ctx.lessons->*s.send)(req.caller.scope, req.param("finess"),
                                     test_id(req, s.not_found), ctx.today(), req.actor(), &created);
          json j{{"paq_action_id", act.id}, {"created", created}, {"source_ref", act.source_ref}};
          return Response::json(http::dump(j), created ? 201 : 200);
        });
  }
}

}  // namespace carepilot::continuity
