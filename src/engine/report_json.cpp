#include "engine/report_json.hpp"

#include "engine/explain.hpp"

namespace carepilot::engine {

using nlohmann::ordered_json;
using json = nlohmann::ordered_json;

ordered_json to_json(const ObligationResult& r) {
  json missing = json::array();
  for (const auto& m : r.missing) missing.push_back({{"id", m.id}, {"text", m.text}});
  json measures = json::object();
  for (const auto& m : r.measures) measures[m.id] = m.value ? json(*m.value) : json(nullptr);
  return json{{"id", r.id},
              {"title", r.title},
              {"status", status_name(r.status)},
              {"period", r.period.empty() ? json(nullptr) : json(r.period)},
              {"deadline", r.deadline ? json(format_date(*r.deadline)) : json(nullptr)},
              {"late", r.late},
              {"days_left", r.days_left ? json(*r.days_left) : json(nullptr)},
              {"days_late", r.days_late ? json(*r.days_late) : json(nullptr)},
              {"explanation", r.explanation},
              {"evidence", r.evidence},
              {"missing", std::move(missing)},
              {"measures", std::move(measures)}};
}

ordered_json to_json(const EstablishmentReport& e) {
  json obligations = json::array();
  for (const auto& o : e.obligations) obligations.push_back(to_json(o));
  return json{{"finess", e.finess},
              {"name", e.name},
              {"category", e.category},
              {"obligations", std::move(obligations)}};
}

ordered_json to_json(const Report& report) {
  json list = json::array();
  for (const auto& e : report.establishments) list.push_back(to_json(e));
  return json{{"as_of", format_date(report.as_of)}, {"establishments", std::move(list)}};
}

std::string to_text(const Report& report) {
  std::string out = "Situation au " + format_date(report.as_of) + "\n";
  for (const auto& e : report.establishments) {
    out += "\n" + e.finess + (e.name.empty() ? "" : " " + e.name) + " (" + e.category + ")\n";
    for (const auto& o : e.obligations) {
      std::string line = "  " + o.id;
      line.resize(std::max<std::size_t>(line.size() + 1, 28), ' ');
      line += std::string(status_name(o.status));
      if (o.late) line += " (en retard)";
      if (o.deadline) line += "  échéance " + format_date(*o.deadline);
      if (o.days_left) line += "  J-" + std::to_string(*o.days_left);
      if (o.days_late) line += "  +" + std::to_string(*o.days_late) + " j";
      for (const auto& m : o.measures)
        line += "  " + m.id + "=" + (m.value ? format_percent(*m.value) : "n/a");
      out += line + "\n    " + o.explanation + "\n";
    }
  }
  return out;
}

}  // namespace carepilot::engine
