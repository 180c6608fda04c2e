#include "incidents/store/history.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <set>

#include "common/french.hpp"

namespace carepilot::incidents {

namespace history_detail {

using soci::into;
using soci::use;

int rank(const std::string& kind) {
  const auto& all = history_kinds();
  return static_cast<int>(std::find(all.begin(), all.end(), kind) - all.begin());
}

}  // namespace history_detail

const std::vector<std::string>& history_kinds() {
  static const std::vector<std::string> k{"detection", "declaration", "closure", "paq_action"};
  return k;
}

void sort_newest_first(std::vector<HistoryEntry>& entries) {
  using history_detail::rank;
  std::stable_sort(entries.begin(), entries.end(),
                   [](const HistoryEntry& a, const HistoryEntry& b) {
                     if (a.at != b.at) return a.at > b.at;
                     if (rank(a.kind) != rank(b.kind)) return rank(a.kind) > rank(b.kind);
                     return a.incident_id > b.incident_id;
                   });
}

std::vector<HistoryEntry> establishment_history(store::Database& db, registry::Repository& registry,
                                                const Scope& scope, const std::string& finess) {
  using namespace history_detail;
  const auto est = registry.visible(scope, finess);
  auto s = db.lease();
  long long e = est.id;
  std::vector<HistoryEntry> out;
  {
    long long id = 0, at = 0;
    std::string title;
    soci::statement st =
        (s->prepare << "SELECT i.id, i.title, v.at_unix FROM incidents i JOIN incident_events v "
                       "ON v.incident_id = i.id AND v.kind = 'detection' WHERE "
                       "i.establishment_id = :e",
         into(id), into(title), into(at), use(e));
    st.execute();
    while (st.fetch()) {
      HistoryEntry h;
      h.at = at;
      h.kind = "detection";
      h.incident_id = id;
      h.incident_title = title;
      out.push_back(std::move(h));
    }
  }
  {
    long long id = 0;
    std::string title, stage, submitted_at, reference;
    soci::statement st =
        (s->prepare << "SELECT i.id, i.title, d.stage, d.submitted_at, d.portal_reference FROM "
                       "incident_declarations d JOIN incidents i ON i.id = d.incident_id WHERE "
                       "i.establishment_id = :e AND d.submitted_at IS NOT NULL",
         into(id), into(title), into(stage), into(submitted_at), into(reference), use(e));
    st.execute();
    while (st.fetch()) {
      auto at = parse_iso_utc(submitted_at);
      if (!at) continue;
      HistoryEntry h;
      h.at = *at;
      h.kind = "declaration";
      h.incident_id = id;
      h.incident_title = title;
      h.stage = stage;
      h.portal_reference = reference;
      out.push_back(std::move(h));
    }
  }
  {
    long long id = 0;
    std::string title, closed_at;
    soci::statement st =
        (s->prepare << "SELECT id, title, closed_at FROM incidents WHERE establishment_id = :e "
                       "AND status = 'closed' AND closed_at IS NOT NULL",
         into(id), into(title), into(closed_at), use(e));
    st.execute();
    while (st.fetch()) {
      auto at = parse_iso_utc(closed_at);
      if (!at) continue;
      HistoryEntry h;
      h.at = *at;
      h.kind = "closure";
      h.incident_id = id;
      h.incident_title = title;
      out.push_back(std::move(h));
    }
  }
  {
    // The PAQ actions of the lessons name their incident "incident:ID:DIGEST" (one per lesson;
    // "incident:ID" before; store/lessons.hpp).
    long long id = 0, action = 0;
    std::string title, action_title, created_at, withdrawn;
    soci::statement st =
        (s->prepare << "SELECT i.id, i.title, a.id, a.title, a.created_at, "
                       "COALESCE(a.withdrawn_at, '') FROM paq_actions a JOIN incidents i ON "
                       "(a.source_ref = 'incident:' || CAST(i.id AS TEXT) OR a.source_ref LIKE "
                       "'incident:' "
                       "|| CAST(i.id AS TEXT) || ':%') WHERE a.source = "
                       "'incident' AND a.establishment_id = :e AND i.establishment_id = :e2",
         into(id), into(title), into(action), into(action_title), into(created_at), into(withdrawn),
         use(e), use(e));
    st.execute();
    while (st.fetch()) {
      auto at = parse_iso_utc(created_at);
      if (!at) continue;
      HistoryEntry h;
      h.at = *at;
      h.kind = "paq_action";
      h.incident_id = id;
      h.incident_title = title;
      h.paq_action_id = action;
      h.paq_title = action_title;
      h.withdrawn = !withdrawn.empty();
      out.push_back(std::move(h));
    }
  }
  {
    // An incident withdrawn (created by mistake, migration 0054) stays in the history, said so.
    std::set<long long> withdrawn;
    long long id = 0;
    soci::statement st = (s->prepare << "SELECT id FROM incidents WHERE establishment_id = :e "
                                        "AND withdrawn_at IS NOT NULL",
                          into(id), use(e));
    st.execute();
    while (st.fetch()) withdrawn.insert(id);
    for (auto& h : out)
      if (withdrawn.count(h.incident_id)) h.incident_title += " (incident retiré)";
  }
  sort_newest_first(out);
  return out;
}

}  // namespace carepilot::incidents
