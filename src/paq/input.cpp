#include "paq/input.hpp"

#include <vector>

#include "common/errors.hpp"
#include "common/french.hpp"
#include "paq/repository.hpp"

namespace carepilot::paq {

using nlohmann::json;

namespace {

using Errors = std::vector<FieldError>;

std::string get(const FormFields& form, const std::string& key) {
  auto it = form.find(key);
  return it == form.end() ? std::string{} : it->second;
}

void fail_if(const Errors& parse_errors, const Errors& content_errors) {
  // One refusal per field: the first (a parse error before a content refusal).
  Errors out;
  for (const auto* list : {&parse_errors, &content_errors})
    for (const auto& e : *list) {
      bool seen = false;
      for (const auto& o : out) seen = seen || o.field == e.field;
      if (!seen) out.push_back(e);
    }
  if (!out.empty()) throw UserError::invalid(out);
}

std::optional<Date> parse_due(const std::string& text, Errors& errors) {
  if (text.empty()) return std::nullopt;
  auto d = parse_date(text);
  if (!d)
    errors.push_back(
        {"due", "paq.due_invalid", "due : échéance invalide (date AAAA-MM-JJ attendue)."});
  return d;
}

Source parse_source_field(const std::string& text, Errors& errors) {
  if (text.empty()) return Source::manual;
  auto s = parse_source(text);
  if (!s)
    errors.push_back(
        {"source", "paq.source_invalid",
         "source : origine inconnue ; choisissez " +
             french_choices({source_label(Source::exercise), source_label(Source::assessment),
                             source_label(Source::ad_audit), source_label(Source::exposure_audit),
                             source_label(Source::identification), source_label(Source::continuity),
                             source_label(Source::incident), source_label(Source::manual)}) +
             "."});
  return s.value_or(Source::manual);
}

Priority parse_priority_field(const std::string& text, Errors& errors) {
  if (text.empty()) return Priority::medium;
  auto p = parse_priority(text);
  if (!p)
    errors.push_back({"priority", "paq.priority_invalid",
                      "priority : priorité inconnue ; choisissez " + priority_choices() + "."});
  return p.value_or(Priority::medium);
}

Status parse_status_field(const std::string& text, Errors& errors) {
  auto s = parse_status(text);
  if (!s)
    errors.push_back(
        {"status", "paq.status_invalid",
         "status : statut inconnu ; choisissez " +
             french_choices({status_label(Status::open), status_label(Status::in_progress),
                             status_label(Status::done), status_label(Status::cancelled)}) +
             "."});
  return s.value_or(Status::open);
}

int parse_progress(const std::string& text, Errors& errors) {
  try {
    std::size_t used = 0;
    long long n = std::stoll(text, &used);
    if (used == text.size() && n >= 0 && n <= 100) return static_cast<int>(n);
  } catch (const std::exception&) {
  }
  errors.push_back({"progress", "paq.progress_invalid",
                    "progress : l'avancement est un pourcentage entier entre 0 et 100."});
  return 0;
}

// A JSON string member (absent: `fallback`); a value of another type is refused by name.
std::string json_text(const json& body, const char* key, const std::string& fallback,
                      Errors& errors) {
  if (!body.contains(key) || body[key].is_null()) return fallback;
  if (!body[key].is_string()) {
    errors.push_back({key, std::string("paq.") + key + "_invalid",
                      std::string(key) + " : une chaîne de caractères est attendue."});
    return fallback;
  }
  return body[key].get<std::string>();
}

bool json_bool(const json& body, const char* key, bool fallback, Errors& errors) {
  if (!body.contains(key) || body[key].is_null()) return fallback;
  if (!body[key].is_boolean()) {
    errors.push_back({key, std::string("paq.") + key + "_invalid",
                      std::string(key) + " : true ou false est attendu."});
    return fallback;
  }
  return body[key].get<bool>();
}

void require_object(const json& body) {
  if (!body.is_object())
    throw UserError(400, "request.malformed_json", "Un objet JSON est attendu.");
}

}  // namespace

ActionInput input_from_form(const FormFields& form) {
  Errors errors;
  ActionInput in;
  in.title = get(form, "title");
  in.description = get(form, "description");
  in.source = parse_source_field(get(form, "source"), errors);
  in.source_ref = get(form, "source_ref");
  in.owner = get(form, "owner");
  in.due = parse_due(get(form, "due"), errors);
  in.priority = parse_priority_field(get(form, "priority"), errors);
  std::string cyber = get(form, "cyber");
  in.cyber = cyber == "on" || cyber == "true" || cyber == "1";
  fail_if(errors, Repository::check(in));
  return in;
}

ActionChange change_from_form(const FormFields& form) {
  Errors errors;
  ActionChange ch;
  ch.title = get(form, "title");
  ch.description = get(form, "description");
  ch.owner = get(form, "owner");
  ch.due = parse_due(get(form, "due"), errors);
  ch.priority = parse_priority_field(get(form, "priority"), errors);
  ch.status = parse_status_field(get(form, "status"), errors);
  ch.progress = parse_progress(get(form, "progress"), errors);
  std::string cyber = get(form, "cyber");
  ch.cyber = cyber == "on" || cyber == "true" || cyber == "1";
  fail_if(errors, Repository::check(ch));
  return ch;
}

ActionInput input_from_json(const json& body) {
  require_object(body);
  Errors errors;
  ActionInput in;
  in.title = json_text(body, "title", "", errors);
  in.description = json_text(body, "description", "", errors);
  in.source = parse_source_field(json_text(body, "source", "", errors), errors);
  in.source_ref = json_text(body, "source_ref", "", errors);
  in.owner = json_text(body, "owner", "", errors);
  in.due = parse_due(json_text(body, "due", "", errors), errors);
  in.priority = parse_priority_field(json_text(body, "priority", "", errors), errors);
  in.cyber = json_bool(body, "cyber", true, errors);
  fail_if(errors, Repository::check(in));
  return in;
}

ActionChange change_from_json(const json& body, const Action& current) {
  require_object(body);
  Errors errors;
  ActionChange ch = current.change();
  ch.title = json_text(body, "title", ch.title, errors);
  ch.description = json_text(body, "description", ch.description, errors);
  ch.owner = json_text(body, "owner", ch.owner, errors);
  if (body.contains("due")) {
    if (body["due"].is_null())
      ch.due.reset();
    else
      ch.due = parse_due(json_text(body, "due", "", errors), errors);
  }
  if (body.contains("priority"))
    ch.priority = parse_priority_field(json_text(body, "priority", "?", errors), errors);
  if (body.contains("status"))
    ch.status = parse_status_field(json_text(body, "status", "?", errors), errors);
  if (body.contains("progress")) {
    const auto& p = body["progress"];
    if (p.is_number_integer() && p.get<long long>() >= 0 && p.get<long long>() <= 100)
      ch.progress = p.get<int>();
    else
      errors.push_back({"progress", "paq.progress_invalid",
                        "progress : l'avancement est un pourcentage entier entre 0 et 100."});
  }
  ch.cyber = json_bool(body, "cyber", ch.cyber, errors);
  fail_if(errors, Repository::check(ch));
  return ch;
}

}  // namespace carepilot::paq
