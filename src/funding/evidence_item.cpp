#include "funding/evidence_item.hpp"

#include <set>

#include "common/french.hpp"
#include "common/labels.hpp"

namespace carepilot::funding {

using nlohmann::json;

std::string evidence_kind_label(std::string_view kind) {
  // The kinds funding names itself (data/labels/labels.yaml, codes funding_evidence.*).
  static const std::set<std::string_view> own{"ad_audit", "exposure_audit", "continuity_plan",
                                              "bia",      "restore_test",   "backup_declaration",
                                              "file"};
  if (own.count(kind)) return code_label("funding_evidence." + std::string(kind));
  return std::string(evidence_type_label(kind));
}

std::string describe(const EvidenceItem& item) {
  std::string out = evidence_kind_label(item.kind);
  if (!item.date.empty()) out += " du " + french_date_text(item.date);
  if (!item.establishment.empty()) out += " — " + item.establishment;
  if (!item.detail.empty()) out += " — " + item.detail;
  return out;
}

json evidence_json(const EvidenceItem& item) {
  return {{"id", item.evidence_id ? json(*item.evidence_id) : json(nullptr)},
          {"kind", item.kind},
          {"kind_label", evidence_kind_label(item.kind)},
          {"record_id", item.record_id ? json(item.record_id) : json(nullptr)},
          {"source", item.source.empty() ? json(nullptr) : json(item.source)},
          {"establishment_id", item.establishment_id ? json(item.establishment_id) : json(nullptr)},
          {"finess", item.finess.empty() ? json(nullptr) : json(item.finess)},
          {"establishment", item.establishment.empty() ? json(nullptr) : json(item.establishment)},
          {"date", item.date},
          {"detail", item.detail},
          {"description", describe(item)},
          {"link", item.link.empty() ? json(nullptr) : json(item.link)}};
}

namespace {

std::string text_of(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}
std::int64_t int_of(const json& j, const char* key) {
  return j.contains(key) && j[key].is_number_integer() ? j[key].get<std::int64_t>() : 0;
}

}  // namespace

EvidenceItem evidence_from_json(const json& j, const json& establishments) {
  EvidenceItem e;
  if (!j.is_object()) return e;
  e.kind = text_of(j, "kind");
  if (e.kind.empty()) e.kind = text_of(j, "type");
  if (auto id = int_of(j, "id")) e.evidence_id = id;
  e.record_id = int_of(j, "record_id");
  e.source = text_of(j, "source");
  e.establishment_id = int_of(j, "establishment_id");
  e.finess = text_of(j, "finess");
  e.establishment = text_of(j, "establishment");
  // A dossier frozen before the items were described: the establishment from the
  // candidature's.
  if (e.establishment_id && (e.finess.empty() || e.establishment.empty()) &&
      establishments.is_array())
    for (const auto& x : establishments)
      if (int_of(x, "id") == e.establishment_id) {
        if (e.finess.empty()) e.finess = text_of(x, "finess");
        if (e.establishment.empty()) e.establishment = text_of(x, "name");
      }
  e.date = text_of(j, "date");
  // A day stored with its time ("2026-01-05 10:00:00"): the day.
  if (e.date.size() > 10 && e.date[10] == ' ') e.date = e.date.substr(0, 10);
  e.detail = text_of(j, "detail");
  e.link = text_of(j, "link");
  return e;
}

std::vector<EvidenceItem> declared_evidence(const json& objective, const json& establishments,
                                            const std::string& filed_at,
                                            const std::string& candidate) {
  std::vector<EvidenceItem> out;
  if (!objective.is_object()) return out;
  if (objective.contains("evidence") && objective["evidence"].is_array())
    for (const auto& e : objective["evidence"])
      out.push_back(evidence_from_json(e, establishments));
  if (objective.contains("file") && objective["file"].is_object()) {
    const auto& f = objective["file"];
    EvidenceItem e;
    e.kind = "file";
    e.record_id = int_of(f, "id");
    e.date = filed_at;
    e.establishment = candidate;
    e.detail = "« " + text_of(f, "name") + " »";
    if (f.contains("size") && f["size"].is_number_integer())
      e.detail += ", " + french_file_size(f["size"].get<std::int64_t>());
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace carepilot::funding
