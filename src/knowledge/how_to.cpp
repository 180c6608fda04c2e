#include "knowledge/how_to.hpp"

#include <algorithm>
#include <tuple>

#include "knowledge/repository.hpp"
#include "knowledge/text.hpp"

namespace carepilot::knowledge {

namespace how_to_detail {

// The kinds « Comment faire ? » lists, in their order.
const char* const kKinds[] = {"faq", "referential", "offer"};

std::size_t kind_rank(const std::string& kind) {
  for (std::size_t i = 0; i < std::size(kKinds); ++i)
    if (kind == kKinds[i]) return i;
  return std::size(kKinds);
}

}  // namespace how_to_detail

std::size_t how_to_breadth(const Entry& e) {
  return e.obligations.size() + e.objectives.size();
}

bool how_to_before(const Entry& a, const Entry& b) {
  const auto key = [](const Entry& e) {
    return std::make_tuple(how_to_breadth(e), how_to_detail::kind_rank(e.kind), fold(e.title));
  };
  const auto ka = key(a), kb = key(b);
  if (ka != kb) return ka < kb;
  return a.id < b.id;
}

std::vector<Entry> how_to(Repository& repo, const HowToQuery& q) {
  std::vector<Entry> out;
  for (const char* kind : how_to_detail::kKinds) {
    SearchQuery s;
    s.obligation = q.obligation;
    s.objective = q.objective;
    s.kind = kind;
    s.audience = q.audience;
    // National content and the offers of the reader's region only, chosen in SQL (other
    // regions' offers took places before the list was cut).
    s.visible_region = q.visible_region;
    s.per_page = 100;
    for (auto& h : repo.search(s).hits)
      if (h.entry.id != q.except) out.push_back(std::move(h.entry));
  }
  std::sort(out.begin(), out.end(), how_to_before);
  if (out.size() > q.limit) out.resize(q.limit);
  return out;
}

}  // namespace carepilot::knowledge
