#include "paq/routes_common.hpp"

#include <string>

#include "common/errors.hpp"

namespace carepilot::paq::detail {

using nlohmann::json;

std::int64_t id_param(const http::Request& req) {
  std::string v = req.param("id");
  if (!v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos) {
    long long n = std::stoll(v);
    if (n > 0) return n;
  }
  throw UserError::not_found("Action introuvable.");
}

namespace {
template <typename E, typename Parse>
std::optional<E> one(const http::Request& req, const char* key, Parse parse) {
  std::string v = req.q(key);
  if (v.empty()) return std::nullopt;
  auto e = parse(v);
  if (!e)
    throw UserError(400, "request.bad_parameter", std::string("Paramètre ") + key + " inconnu.",
                    {{key, "request.bad_parameter", std::string(key) + " : valeur inconnue."}});
  return e;
}
}  // namespace

Filter filter_param(const http::Request& req) {
  Filter f;
  f.status = one<Status>(req, "status", parse_status);
  f.priority = one<Priority>(req, "priority", parse_priority);
  f.source = one<Source>(req, "source", parse_source);
  return f;
}

bool Filter::keeps(const Action& a) const {
  return (!status || a.status == *status) && (!priority || a.priority == *priority) &&
         (!source || a.source == *source);
}

json note_json(const Note& n) {
  return {
      {"id", n.id}, {"note", n.note}, {"created_at", n.created_at}, {"created_by", n.created_by}};
}

json action_json(const Action& a, const Date& today, bool with_notes) {
  json j{{"id", a.id},
         {"title", a.title},
         {"description", a.description},
         {"source", source_name(a.source)},
         {"source_ref", a.source_ref},
         {"owner", a.owner},
         {"due", a.due ? json(format_date(*a.due)) : json(nullptr)},
         {"priority", priority_name(a.priority)},
         {"status", status_name(a.status)},
         {"progress", a.progress},
         {"cyber", a.cyber},
         {"overdue", a.overdue(today)},
         {"created_at", a.created_at},
         {"created_by", a.created_by},
         {"updated_at", a.updated_at},
         {"updated_on", format_date(a.updated_on)}};
  if (a.withdrawal.withdrawn()) {
    j["withdrawn_at"] = a.withdrawal.at;
    j["withdrawn_by"] = a.withdrawal.by;
    j["withdrawal_reason"] = a.withdrawal.reason;
  }
  if (with_notes) {
    json notes = json::array();
    for (const auto& n : a.notes) notes.push_back(note_json(n));
    j["notes"] = notes;
  }
  return j;
}

}  // namespace carepilot::paq::detail
