// An objective's title is its label in the funding calls (issue 20 trial: the knowledge page
// and the funding call named D2.O3.C differently). A database written before that rule holds
// the old titles: seed rewrites them at start-up.
#include "knowledge/known.hpp"
#include "knowledge/repository.hpp"
#include "store/transaction.hpp"

namespace carepilot::knowledge {

int Repository::retitle_objectives(const Actor& actor) {
  auto s = db_.lease();
  struct Stale {
    long long id;
    Entry entry;
    std::string origin;
  };
  std::vector<Stale> stale;
  {
    long long id = 0;
    std::string payload, origin;
    soci::statement st =
        (s->prepare << "SELECT id, payload, origin FROM knowledge_entries WHERE kind = 'objective'",
         soci::into(id), soci::into(payload), soci::into(origin));
    st.execute();
    while (st.fetch()) {
      auto e = entry_from_json(nlohmann::json::parse(payload));
      auto title = objective_title(known_, e.id);
      if (!title || *title == e.title) continue;
      e.title = *title;
      stale.push_back({id, std::move(e), origin});
    }
  }
  if (stale.empty()) return 0;
  store::Transaction tr(*s);
  for (const auto& x : stale) write_row(*s, x.entry, x.id, x.origin, actor);
  tr.commit();
  return static_cast<int>(stale.size());
}

}  // namespace carepilot::knowledge
