#include "exposure/campaign.hpp"
#include "common/data_file.hpp"

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <stdexcept>

#include "common/date.hpp"
#include "common/french.hpp"

namespace carepilot::exposure {

namespace data_files {
const std::map<std::string_view, std::string_view>& embedded_files();
}  // namespace data_files

namespace {

// The Paris calendar day of a Unix time: the UTC day, or the next one once Paris has
// reached it (Paris is one or two hours ahead of UTC).
Date paris_day(std::int64_t unix_s) {
  const Date utc{std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds{std::chrono::seconds{unix_s}})};
  const Date next = add_days(utc, 1);
  const auto next_start = paris_day_start(format_date(next));
  return next_start && unix_s >= *next_start ? next : utc;
}

}  // namespace

CampaignRule load_campaign_rule(std::string_view yaml) {
  auto bad = [](const std::string& why) { return std::runtime_error("campaign.yaml : " + why); };
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    throw bad("YAML illisible (ligne " + std::to_string(yaml_fault_line(e)) + " : " +
              yaml_fault_reason(e, yaml) + ")");
  }
  if (!root.IsMap()) throw bad("un dictionnaire est attendu");
  CampaignRule r;
  try {
    r.max_span_days = root["max_span_days"].as<int>();
    r.source = root["source"].as<std::string>();
  } catch (const YAML::Exception&) {
    throw bad("max_span_days et source sont requis");
  }
  if (r.max_span_days < 0) throw bad("max_span_days doit être positif ou nul");
  if (r.source.empty()) throw bad("la source est requise");
  return r;
}

const CampaignRule& builtin_campaign_rule() {
  static const CampaignRule r = [] {
    const auto& files = data_files::embedded_files();
    auto it = files.find("campaign.yaml");
    if (it == files.end()) throw std::runtime_error("campaign.yaml : fichier absent");
    return load_campaign_rule(it->second);
  }();
  return r;
}

std::optional<CampaignSpread> campaign_spread(const std::vector<FileTimes>& files,
                                              const CampaignRule& rule) {
  const FileTimes* first = nullptr;
  const FileTimes* last = nullptr;
  for (const auto& f : files) {
    if (!f.from) continue;
    if (!first || *f.from < *first->from) first = &f;
    if (!last || *f.from > *last->from) last = &f;
  }
  if (!first || first == last) return std::nullopt;
  const int days = days_between(paris_day(*first->from), paris_day(*last->from));
  if (days <= rule.max_span_days) return std::nullopt;
  return CampaignSpread{*first, *last, days};
}

std::string campaign_text(const CampaignSpread& s, const CampaignRule& rule) {
  return "les fichiers d'un même audit doivent avoir été lancés à " +
         plural(rule.max_span_days, "jour", "jours") + " au plus d'écart : « " + s.earliest.name +
         " » a été lancé le " + paris_datetime(*s.earliest.from) + ", « " + s.latest.name +
         " » le " + paris_datetime(*s.latest.from) + ", " + plural(s.days, "jour", "jours") +
         " plus tard";
}

}  // namespace carepilot::exposure
