#include "incidents/store/lessons.hpp"

#include <chrono>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/text.hpp"

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

paq::Action Lessons::send(const Scope& scope, const std::string& finess, std::int64_t incident_id,
                          const std::string& lessons, const Date& today, const Actor& actor,
                          bool* created) {
  using namespace lessons_detail;
  auto est = registry_.visible(scope, finess);
  auto inc = repo_.load(scope, finess, incident_id);  // 404 outside
  refuse_if_withdrawn(inc);
  const std::string text = trim(lessons);
  if (text.empty())
    throw UserError::invalid(
        {{"lessons", "incident.lessons_required",
          std::string(field_label("lessons")) + " : décrivez la mesure à prendre pour le PAQ."}});
  if (utf8_length(text) > 4000)
    throw UserError::invalid(
        {{"lessons", "incident.lessons_too_long",
          std::string(field_label("lessons")) + " : 4 000 caractères au plus."}});
  paq::ActionInput in;
  in.title = clip("Incident : leçons de « " + inc.title + " »", 300);
  std::string d = "Leçons de l'incident « " + inc.title + " »";
  if (const auto* det = inc.detection()) d += ", détecté le " + paris_datetime(det->at);
  if (auto t = inc.qualification.find("threat"); t != inc.qualification.end() && !t->second.empty())
    d += " (" + label("threat", t->second.front()) + ")";
  d += " :\n" + text;
  in.description = clip(d, 4000);
  in.source = paq::Source::incident;
  in.source_ref = incident_ref(inc.id);
  in.owner = "RSSI";
  in.due = Date{std::chrono::sys_days(today) + std::chrono::days(91)};
  in.priority = paq::Priority::high;
  in.cyber = true;
  return paq_.create_once(est, in, today, actor, created);
}

std::vector<paq::Action> Lessons::actions(const Scope& scope, const std::string& finess,
                                          std::int64_t incident_id) {
  auto inc = repo_.load(scope, finess, incident_id);  // 404 outside
  const std::string ref = incident_ref(inc.id);
  std::vector<paq::Action> out;
  for (auto& a : paq_.list(scope, finess))
    if (a.source == paq::Source::incident && a.source_ref == ref) out.push_back(std::move(a));
  return out;
}

}  // namespace carepilot::incidents
