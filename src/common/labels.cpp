#include "common/labels.hpp"
#include "common/record_labels.hpp"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <stdexcept>

#include "common/french.hpp"

namespace carepilot {

namespace labels_data {
const std::map<std::string_view, std::string_view>& embedded_files();
}

namespace {

using Table = std::map<std::string, std::string, std::less<>>;

// data/labels/labels.yaml, read once (load_labels at start-up, or the first label asked).
struct LabelTables {
  Table fields, evidence_types, codes, statuses, actors, measures, job_kinds, job_families,
      audit_actions, audit_entities, severities, severity_counts, ad_categories, paq_sources,
      ad_collection_parts, ad_collection_fields, ad_object_types, fallbacks;
  // audit_entities in the file's order (by label), for the journal's filter.
  std::vector<std::pair<std::string_view, std::string_view>> audit_entity_list;
};

LabelTables parse_labels(std::string_view text) {
  YAML::Node root = YAML::Load(std::string(text));
  LabelTables t;
  auto read = [&root](const char* name, Table& into) {
    YAML::Node n = root[name];
    if (!n || !n.IsMap())
      throw std::runtime_error(std::string("data/labels/labels.yaml : table « ") + name +
                               " » absente");
    for (const auto& kv : n) {
      auto label = kv.second.as<std::string>();
      if (label.empty())
        throw std::runtime_error("data/labels/labels.yaml : libellé vide pour « " +
                                 kv.first.as<std::string>() + " » dans « " + name + " »");
      into.emplace(kv.first.as<std::string>(), std::move(label));
    }
  };
  read("fields", t.fields);
  read("evidence_types", t.evidence_types);
  read("codes", t.codes);
  read("statuses", t.statuses);
  read("actors", t.actors);
  read("measures", t.measures);
  read("job_kinds", t.job_kinds);
  read("job_families", t.job_families);
  read("audit_actions", t.audit_actions);
  read("audit_entities", t.audit_entities);
  read("severities", t.severities);
  read("severity_counts", t.severity_counts);
  read("ad_categories", t.ad_categories);
  read("paq_sources", t.paq_sources);
  read("ad_collection_parts", t.ad_collection_parts);
  read("ad_collection_fields", t.ad_collection_fields);
  read("ad_object_types", t.ad_object_types);
  read("fallbacks", t.fallbacks);
  for (const auto& [code, words] : t.severity_counts)
    if (auto slash = words.find('/'); slash == std::string::npos || slash == 0 ||
                                      slash + 1 == words.size() ||
                                      words.find('/', slash + 1) != std::string::npos)
      throw std::runtime_error("data/labels/labels.yaml : severity_counts." + code +
                               " doit s'écrire « singulier/pluriel »");
  for (const char* k :
       {"field", "evidence_type", "measure", "job_kind", "audit_action", "audit_entity", "status",
        "severity", "severity_count", "ad_category", "paq_source", "ad_collection"})
    if (!t.fallbacks.contains(std::string_view(k)))
      throw std::runtime_error(std::string("data/labels/labels.yaml : fallbacks.") + k + " absent");
  for (const auto& kv : root["audit_entities"]) {
    auto it = t.audit_entities.find(kv.first.as<std::string>());
    t.audit_entity_list.emplace_back(it->first, it->second);
  }
  return t;
}

const LabelTables& tables() {
  static const LabelTables t = parse_labels(labels_data::embedded_files().at("labels.yaml"));
  return t;
}

std::string_view find_or(const Table& m, std::string_view key, std::string_view fallback_key) {
  auto it = m.find(key);
  if (it != m.end()) return it->second;
  return tables().fallbacks.find(fallback_key)->second;
}

bool machine_code(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
      return false;
  return true;
}

}  // namespace

void load_labels() {
  (void)tables();
}

std::vector<std::string> labelled_codes(std::string_view table) {
  const auto& t = tables();
  const std::map<std::string_view, const Table*> by_name{
      {"fields", &t.fields},
      {"evidence_types", &t.evidence_types},
      {"codes", &t.codes},
      {"statuses", &t.statuses},
      {"measures", &t.measures},
      {"job_kinds", &t.job_kinds},
      {"job_families", &t.job_families},
      {"audit_actions", &t.audit_actions},
      {"audit_entities", &t.audit_entities},
      {"severities", &t.severities},
      {"severity_counts", &t.severity_counts},
      {"ad_categories", &t.ad_categories},
      {"paq_sources", &t.paq_sources},
      {"ad_collection_parts", &t.ad_collection_parts},
      {"ad_collection_fields", &t.ad_collection_fields},
      {"ad_object_types", &t.ad_object_types}};
  std::vector<std::string> out;
  if (auto it = by_name.find(table); it != by_name.end())
    for (const auto& [k, v] : *it->second) out.push_back(k);
  return out;
}

std::string_view field_label(std::string_view key) {
  return find_or(tables().fields, key, "field");
}

std::string_view evidence_type_label(std::string_view type) {
  return find_or(tables().evidence_types, type, "evidence_type");
}

std::string code_label(std::string_view code) {
  const auto& codes = tables().codes;
  auto it = codes.find(code);
  if (it != codes.end()) return it->second;
  // An unknown code (a service of the catalog, "medico_technique") is written in words.
  std::string out(code);
  if (machine_code(code))
    for (auto& c : out)
      if (c == '_' || c == '-') c = ' ';
  return out;
}

std::string_view status_label(std::string_view module, std::string_view code) {
  std::string key(module);
  key += '.';
  key += code;
  return find_or(tables().statuses, key, "status");
}

std::string_view compliance_status_label(std::string_view code, bool has_deadline) {
  return status_label("compliance", code == "due" && !has_deadline ? "due_open" : code);
}

std::string actor_label(std::string_view who) {
  if (who.empty()) return "—";
  const auto& actors = tables().actors;
  if (auto it = actors.find(who); it != actors.end()) return it->second;
  return std::string(who);
}

std::string_view measure_label(std::string_view id) {
  return find_or(tables().measures, id, "measure");
}

std::string period_label(std::string_view period) {
  if (period.empty()) return "—";
  if (period.size() == 7 && period.substr(4, 2) == "-Q") {
    char q = period[6];
    return std::string(1, q) + (q == '1' ? "er" : "e") + " trimestre " +
           std::string(period.substr(0, 4));
  }
  if (auto slash = period.find('/'); slash != std::string_view::npos) {
    auto from = french_date_text(period.substr(0, slash)),
         to = french_date_text(period.substr(slash + 1));
    return "du " + from + " au " + to;
  }
  return french_date_text(period);
}

std::string job_kind_label(std::string_view kind) {
  const auto& t = tables();
  if (auto it = t.job_kinds.find(kind); it != t.job_kinds.end()) return it->second;
  auto dot = kind.find('.');
  return std::string(find_or(t.job_families, kind.substr(0, dot), "job_kind"));
}

std::string audit_action_label(std::string_view action) {
  return std::string(find_or(tables().audit_actions, action, "audit_action"));
}

const std::vector<std::pair<std::string_view, std::string_view>>& audit_entities() {
  return tables().audit_entity_list;
}

std::string audit_entity_label(std::string_view entity) {
  return std::string(find_or(tables().audit_entities, entity, "audit_entity"));
}

std::string_view severity_label(std::string_view code) {
  return find_or(tables().severities, code, "severity");
}

std::string severity_count_label(std::string_view code, std::int64_t n) {
  const std::string_view words = find_or(tables().severity_counts, code, "severity_count");
  const auto slash = words.find('/');
  if (slash == std::string_view::npos) return std::string(words);
  return std::string(agree(n, words.substr(0, slash), words.substr(slash + 1)));
}

std::string_view ad_category_label(std::string_view code) {
  return find_or(tables().ad_categories, code, "ad_category");
}

std::string ad_collection_label(std::string_view key) {
  const auto& t = tables();
  const auto dot = key.find('.');
  const std::string_view part = key.substr(0, dot);
  const auto p = t.ad_collection_parts.find(part);
  if (dot == std::string_view::npos)
    return p != t.ad_collection_parts.end()
               ? p->second
               : std::string(find_or(t.ad_collection_parts, key, "ad_collection"));
  const auto f = t.ad_collection_fields.find(key.substr(dot + 1));
  const std::string field = f != t.ad_collection_fields.end()
                                ? f->second
                                : std::string(find_or(t.fallbacks, "ad_collection", "field"));
  return p != t.ad_collection_parts.end() ? field + " (" + p->second + ")" : field;
}

std::string_view ad_object_type_label(std::string_view code) {
  return find_or(tables().ad_object_types, code, "ad_object_type");
}

std::string_view paq_source_label(std::string_view code) {
  return find_or(tables().paq_sources, code, "paq_source");
}

std::string page_message(std::string_view field, std::string_view message) {
  // "key : reason" → "Label : reason"; the key is the one in the message (it may name a
  // sub-field: "at" inside "injects").
  // Dates inside the reason ("postérieure à aujourd'hui (2026-12-01)") read in French.
  auto sep = message.find(" : ");
  if (sep == std::string_view::npos || sep == 0) return french_dates_in(message);
  std::string_view key = message.substr(0, sep);
  if (!machine_code(key)) return french_dates_in(message);
  std::string_view label = field_label(key);
  if (label == "Champ" && !field.empty()) label = field_label(field);
  return std::string(label) + french_dates_in(message.substr(sep));
}

std::string page_message(const FieldError& e) {
  if (e.code != "request.invalid_utf8") return page_message(e.field, e.message);
  const std::string_view label = field_label(e.field);
  const std::string who = label == field_label("") ? std::string("Un champ du formulaire")
                                                   : "Le champ « " + std::string(label) + " »";
  return who +
         " contient des caractères qui ne sont pas en UTF-8 (texte envoyé depuis une page ou "
         "un outil en Latin-1 ou Windows-1252 ?) : vérifiez-le et envoyez-le de nouveau. Rien "
         "n'a été enregistré.";
}

std::string field_value_label(std::string_view key, std::string_view value) {
  if (auto d = french_date_text(value); d != value) return d;
  if (value == "true") return "oui";
  if (value == "false") return "non";
  // Numbers as JSON writes them ("200000.0"): grouped by thousands, decimal comma, euros
  // for amounts.
  if (key == "year") return std::string(value.substr(0, value.find('.')));  // never "2 025"
  if (!value.empty() && (std::isdigit(static_cast<unsigned char>(value.front())) ||
                         (value.front() == '-' && value.size() > 1))) {
    char* end = nullptr;
    std::string text(value);
    double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() + text.size() && std::isfinite(v) && std::fabs(v) < 1e15) {
      bool euros = key.ends_with("_eur");
      auto cents = static_cast<std::int64_t>(std::llround(v * 100));
      std::string out = french_integer(cents / 100);
      if (cents % 100 != 0) {
        auto c = std::to_string(std::llabs(cents % 100));
        out += "," + (c.size() < 2 ? "0" + c : c);
      }
      return euros ? out + "\u00a0€" : out;
    }
  }
  // Enumerations stored as codes.
  static constexpr std::string_view kCoded[] = {"status", "service", "kind", "scope", "source"};
  for (auto k : kCoded)
    if (k == key && machine_code(value)) return code_label(value);
  return std::string(value);
}

}  // namespace carepilot
