// « Comment faire ? » (issue 20): the FAQ entries, referentials and offers linked to an
// obligation or a funding objective, in one order shared by the compliance page (each
// obligation), the funding candidature page (each objective) and an objective's own page.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "knowledge/model.hpp"

namespace carepilot::knowledge {

class Repository;

struct HowToQuery {
  std::string obligation;  // the entries linked to this obligation, or …
  std::string objective;   // … to this funding objective (normalised: D2.O1.C)
  std::string audience;    // sanitaire, medico_social; "" any
  // The regional offers the reader may see (SearchQuery::visible_region).
  std::optional<std::string> visible_region;
  // An entry left out: the funding call's own offer on its objectives (the reader is on it).
  std::string except;
  std::size_t limit = 20;  // the first ones in how_to_before's order
};

// How many obligations and funding objectives `e` is linked to: an entry tied to one
// obligation or objective is specific to it, the funding offer tied to a whole call's 13
// objectives is catalogue-wide.
std::size_t how_to_breadth(const Entry& e);

// The order of « Comment faire ? »: the most specific first (fewer obligations and objectives
// linked, how_to_breadth), then by kind (FAQ, referentials, offers), then by title (accents and
// case aside), then id.
bool how_to_before(const Entry& a, const Entry& b);

// The entries of kinds faq, referential and offer matching `q`, in how_to_before's order, at
// most q.limit.
std::vector<Entry> how_to(Repository& repo, const HowToQuery& q);

}  // namespace carepilot::knowledge
