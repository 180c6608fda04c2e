#include "incidents/store/lessons.hpp"

#include <algorithm>
#include <chrono>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/text.hpp"
#include "store/audit_log.hpp"
#include "store/rows.hpp"
#include "store/transaction.hpp"

namespace carepilot::incidents {

namespace lessons_detail {

std::string clip(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  s.resize(max);
  while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
  if (!s.empty() && (static_cast<unsigned char>(s.back()) & 0x80)) s.pop_back();
  return s;
}

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace lessons_detail

std::string incident_ref(std::int64_t incident_id) {
  return "incident:" + std::to_string(incident_id);
}

std::vector<std::string> split_lessons(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= text.size()) {
    auto nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    std::string line = trim(text.substr(at, nl - at));
    for (const char* bullet : {"- ", "• ", "* "})
      if (line.rfind(bullet, 0) == 0) line = trim(line.substr(std::string(bullet).size()));
    if (!line.empty()) out.push_back(line);
    at = nl + 1;
  }
  return out;
}

std::vector<Lessons::Sent> Lessons::send(const Scope& scope, const std::string& finess,
                                         std::int64_t incident_id, const std::string& lessons,
                                         const Date& today, const Actor& actor) {
  using namespace lessons_detail;
  auto est = registry_.visible(scope, finess);
  auto inc = repo_.load(scope, finess, incident_id);  // 404 outside
  refuse_if_withdrawn(inc);
  const auto all = split_lessons(lessons);
  const std::string lead = std::string(field_label("lessons")) + " : ";
  if (all.empty())
    throw UserError::invalid(
        {{"lessons", "incident.lessons_required",
          lead + "décrivez la mesure à prendre pour le PAQ (une leçon par ligne)."}});
  if (all.size() > 20)
    throw UserError::invalid({{"lessons", "incident.lessons_too_many",
                               lead + "20 leçons au plus à la fois (une par ligne)."}});
  for (const auto& l : all)
    if (utf8_length(l) > 4000)
      throw UserError::invalid(
          {{"lessons", "incident.lessons_too_long", lead + "4 000 caractères au plus par leçon."}});
  // The action's « Précision »: where the lesson comes from, without repeating the title (issue
  // 19 trial: the incident's title and the lesson twice); the whole lesson only when the title
  // had to be cut.
  std::string context = "Retour d'expérience de l'incident";
  if (const auto* det = inc.detection()) context += " détecté le " + paris_datetime(det->at);
  if (auto t = inc.qualification.find("threat"); t != inc.qualification.end() && !t->second.empty())
    context += " (" + label("threat", t->second.front()) + ")";
  auto s = db_.lease();
  store::Transaction tr(*s);
  store::lock_establishment(*s, est.id);
  const std::string prefix = incident_ref(inc.id);
  auto current = paq_.by_source_ref(*s, est.id, prefix + ":");
  std::vector<Sent> out;
  for (const auto& lesson : all) {
    const std::string ref = prefix + ":" + store::sha256_hex(lesson).substr(0, 16);
    auto same = std::find_if(current.begin(), current.end(),
                             [&](const paq::Action& a) { return a.source_ref == ref; });
    if (same != current.end()) {
      out.push_back({*same, false});
      continue;
    }
    paq::ActionInput in;
    const std::string full_title = "Incident « " + inc.title + " » : " + lesson;
    in.title = clip(full_title, 300);
    in.description =
        clip(context + "." + (in.title == full_title ? "" : "\nLeçon complète : " + lesson), 4000);
    in.source = paq::Source::incident;
    in.source_ref = ref;
    in.owner = "RSSI";
    in.due = Date{std::chrono::sys_days(today) + std::chrono::days(91)};
    in.priority = paq::Priority::high;
    in.cyber = true;
    auto a = paq_.create_in(*s, est, in, today, actor);
    current.push_back(a);
    out.push_back({std::move(a), true});
  }
  tr.commit();
  return out;
}

std::vector<paq::Action> Lessons::actions(const Scope& scope, const std::string& finess,
                                          std::int64_t incident_id) {
  auto inc = repo_.load(scope, finess, incident_id);  // 404 outside
  const std::string ref = incident_ref(inc.id);
  std::vector<paq::Action> out;
  for (auto& a : paq_.list(scope, finess))
    if (a.source == paq::Source::incident &&
        (a.source_ref == ref || a.source_ref.rfind(ref + ":", 0) == 0))
      out.push_back(std::move(a));
  return out;
}

}  // namespace carepilot::incidents
