#include "jobs/routes.hpp"

#include <ctemplate/template.h>

#include "common/errors.hpp"
#include "common/french.hpp"
#include "http/list.hpp"
#include "http/templates.hpp"
#include "jobs/labels.hpp"

namespace carepilot::jobs {
namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}

const std::map<std::string_view, std::string_view>& template_files() {
  return tpl::embedded_files();
}

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

constexpr int kShown = 100;  // rows per table of the page

std::string when(std::int64_t unix_s) {
  return unix_s > 0 ? paris_datetime(unix_s) : std::string("—");
}

void fill_row(TemplateDictionary* row, const Job& j) {
  row->SetIntValue("ID", static_cast<long>(j.id));
  row->SetValue("KIND", kind_label(j.kind));
  row->SetValue("SUBJECT", payload_label(j.payload));
  row->SetIntValue("ATTEMPTS", j.attempts);
  row->SetValue("RUN_AT", when(j.run_at));
  row->SetValue("STARTED", when(j.started_at));
  row->SetValue("FINISHED", when(j.finished_at));
  row->SetValue("LOCKED_UNTIL", when(j.locked_until));
  if (j.last_error.empty()) {
    row->ShowSection("NO_ERROR");
  } else {
    auto* e = row->AddSectionDictionary("HAS_ERROR");
    e->SetValue("ERROR_TEXT", error_explanation(j.last_error));
    e->SetValue("ERROR_DETAIL", j.last_error);
  }
}

json job_json(const Job& j) {
  auto iso = [](std::int64_t t) { return t > 0 ? json(iso_utc(t)) : json(nullptr); };
  return {{"id", j.id},
          {"kind", j.kind},
          {"label", kind_label(j.kind)},
          {"payload", j.payload},
          {"state", state_name(j.state)},
          {"run_at", iso(j.run_at)},
          {"attempts", j.attempts},
          {"max_attempts", j.max_attempts},
          {"last_error", j.last_error},
          {"created_at", iso(j.created_at)},
          {"started_at", iso(j.started_at)},
          {"finished_at", iso(j.finished_at)},
          {"locked_until", iso(j.locked_until)}};
}

// The job named by :id (404), which must be failed (409 job.not_failed).
std::int64_t failed_job(Context& ctx, const Request& req) {
  long long id = 0;
  try {
    std::size_t used = 0;
    id = std::stoll(req.param("id"), &used);
    if (used != req.param("id").size()) id = 0;
  } catch (const std::exception&) {
  }
  auto job = id > 0 ? ctx.queue.get(id) : std::nullopt;
  if (!job) throw UserError::not_found("Tâche introuvable.");
  if (job->state != State::failed)
    throw UserError(409, "job.not_failed", "Seule une tâche en échec peut être relancée.");
  return id;
}

void retry(Context& ctx, const Request& req, std::int64_t id) {
  if (!ctx.queue.retry(id, req.actor(), ctx.now()))
    throw UserError(409, "job.not_failed", "Seule une tâche en échec peut être relancée.");
}

}  // namespace

void add_routes(http::RouteTable& routes, Context& ctx) {
  routes.get(
      "/administration/taches", RouteKind::page,
      [&ctx](Request& req) {
        TemplateDictionary d("jobs");
        d.SetIntValue("PENDING_COUNT", ctx.queue.count(State::pending));
        d.SetIntValue("RUNNING_COUNT", ctx.queue.count(State::running));
        d.SetIntValue("FAILED_COUNT", ctx.queue.count(State::failed));
        auto section = [&d](const char* name, const char* none, const std::vector<Job>& jobs) {
          for (const auto& j : jobs) fill_row(d.AddSectionDictionary(name), j);
          if (jobs.empty()) d.ShowSection(none);
        };
        section("FAILED", "NO_FAILED", ctx.queue.list(State::failed, kShown));
        section("RUNNING", "NO_RUNNING", ctx.queue.list(State::running, kShown));
        section("PENDING", "NO_PENDING", ctx.queue.list(State::pending, kShown));
        section("DONE", "NO_DONE", ctx.queue.done_since(ctx.now() - 7 * 86400, kShown));
        (void)req;
        http::PageMeta meta{
            "Tâches de fond", "taches", {{"Accueil", "/"}, {"Tâches de fond", ""}}, {}, {}};
        if (req.q("relancee") == "1") meta.flash = "La tâche a été remise dans la file.";
        return Response::html(http::render_page("jobs.tpl", d, meta));
      },
      false, Access::operate_platform);

  routes.post(
      "/administration/taches/:id/relancer", RouteKind::page,
      [&ctx](Request& req) {
        auto id = failed_job(ctx, req);
        retry(ctx, req, id);
        return Response::redirect("/administration/taches?relancee=1");
      },
      64 * 1024, Access::operate_platform);

  routes.get(
      "/api/v1/jobs", RouteKind::api,
      [&ctx](Request& req) {
        std::vector<State> states{State::failed, State::running, State::pending, State::done};
        if (auto s = req.q("state"); !s.empty()) {
          auto st = parse_state(s);
          if (!st)
            throw UserError(400, "request.bad_parameter",
                            "Paramètre state inconnu : valeurs admises « pending » (en attente), "
                            "« running » (en cours), « done » (terminée) ou « failed » (en "
                            "échec).",
                            {{"state", "request.bad_parameter",
                              "Valeur invalide : pending, running, done ou failed."}});
          states = {*st};
        }
        json items = json::array();
        for (State s : states)
          for (const auto& j : ctx.queue.list(s, 1000)) items.push_back(job_json(j));
        return http::list_response(req, std::move(items), {{"id", "run_at", "state"}, 100, 200});
      },
      false, Access::operate_platform);
}

}  // namespace carepilot::jobs
