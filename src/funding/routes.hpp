// JSON API of the funding calls (issue 18): the calls as data, the candidatures of the
// caller's scope with the amounts requested, granted and paid against each call's envelope,
// an establishment's calls with what each objective still lacks and the proof carepilot
// computes from its records, and the workflow's transitions. Routes under
// /api/v1/establishments/:finess/funding… resolve the establishment in the caller's scope
// (404 outside) and a candidature only among those covering it.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "evidence/calendar.hpp"
#include "evidence/routes.hpp"
#include "funding/proofs.hpp"
#include "funding/repository.hpp"
#include "http/routes.hpp"

namespace carepilot::funding {

struct Context {
  registry::Repository& registry;
  Repository& repo;
  Proofs& proofs;
  std::function<Date()> today = evidence::paris_today;  // tests pin it
  std::size_t max_json_bytes = 1u << 20;
  // « Comment faire ? » of a funding objective (issue 20): the objective's own knowledge page,
  // then the FAQ entries, referentials and offers linked to it (national content and the offers
  // of the candidature's region), the most specific first, leaving out `call_offer` (the
  // knowledge entry of the call itself, Call::knowledge_offer). Set by web/; unset: no
  // « Comment faire ? ».
  std::function<std::vector<evidence::HowTo>(
      const std::string& objective, const std::string& region_code, const std::string& call_offer)>
      how_to = nullptr;
};

void add_routes(http::RouteTable& routes, Context& ctx);
// The pages (routes_pages.cpp): /financements, a candidature, the candidate's form, the XLSX
// export and the dossier PDF.
void add_page_routes(http::RouteTable& routes, Context& ctx);
// The deadlines of the calls' calendars that wait for the candidatures of `scope`, from
// `today` on, for the calendar subscription (one event per step still to meet); with `finess`,
// only those of the candidatures covering that establishment (its calendar file).
std::vector<evidence::FeedEvent> feed_deadlines(Repository& repo, const Scope& scope,
                                                const Date& today, const std::string& finess = {});
// The « Appels à financement » entry of an establishment's page (HTML, "" when nothing to show):
// each call open to it, with « Candidater » (its form) for a viewer who may apply, or its
// candidate's candidature. 404 outside the caller's scope.
std::string establishment_entry_html(Context& ctx, const http::Request& req,
                                     const std::string& finess);
// The page templates embedded by this module.
const std::map<std::string_view, std::string_view>& template_files();

// A candidature as the API answers it.
nlohmann::json candidature_json(const Data& data, const Candidature& k);
// The candidature's establishments whose pages `scope` sees: a proof's link is given only
// for those.
std::set<std::int64_t> visible_establishments(Context& ctx, const Scope& scope,
                                              const Candidature& k);
// Per objective of the candidature's call (issue 18 trial: the API did not say what proof was
// proposed): the rule's computation (null for a declarative objective) and the proof carepilot
// proposes, each item described (evidence_json), on ctx.today(), as `scope` reads them.
nlohmann::json objectives_json(Context& ctx, const Scope& scope, const Candidature& k);
// The calls as the API answers them.
nlohmann::json call_json(const Data& data, const Call& c);
// An establishment's calls: eligibility, its candidature, and per objective the computed proof
// and what it still lacks (the candidate's view).
nlohmann::json establishment_view(Context& ctx, const Scope& scope,
                                  const registry::Establishment& est);
// Per call and region: candidatures by state and amounts requested, granted, paid, against the
// call's envelope.
nlohmann::json totals_json(const Data& data, const std::vector<Candidature>& all);

}  // namespace carepilot::funding
