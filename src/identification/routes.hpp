// Page (/etablissements/:finess/identification, with its three forms) and JSON API
// (/api/v1/establishments/:finess/identification…) of the identification inventory.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "evidence/calendar.hpp"
#include "http/form_post.hpp"
#include "http/routes.hpp"
#include "identification/declarations.hpp"
#include "identification/desfire.hpp"
#include "identification/repository.hpp"
#include "identification/steps.hpp"

namespace carepilot::identification {

struct Context {
  registry::Repository& registry;
  Repository& repo;
  Steps& steps;                // the trajectory (issue 16)
  Badges& badges;              // the DESFire badges check (issue 16)
  Declarations& declarations;  // HospiConnect objectives declared reached (issue 16)
  std::function<Date()> today = evidence::paris_today;  // tests pin it
  std::size_t max_json_bytes = 1u << 20;
};

void add_page_routes(http::RouteTable& routes, Context& ctx);
// The territory's view: /tableau-de-bord/identification and GET /api/v1/identification/shares.
void add_territory_routes(http::RouteTable& routes, Context& ctx);
// The declarations of HospiConnect objectives: page form, withdrawal, document, API.
void add_declaration_routes(http::RouteTable& routes, Context& ctx);
// The identification page; `posted` (may be null) re-shows a refused form with its refusals.
http::Response identification_page(Context& ctx, http::Request& req, int status,
                                   const http::PostedForm* posted);
void add_api_routes(http::RouteTable& routes, Context& ctx);
void add_routes(http::RouteTable& routes, Context& ctx);

const std::map<std::string_view, std::string_view>& template_files();

// The matrix as the API answers it (also what the page shows): populations, access points,
// cells with their verdict as of `as_of`, coverage overall and per population.
nlohmann::json matrix_json(const Data& data, const Inventory& inv, const Date& as_of);
// The HospiConnect objectives with their status as of `as_of`, by year; the DESFire check
// with its verdict (null when not recorded).
nlohmann::json objectives_json(const Data& data, const Inventory& inv, const Date& as_of,
                               const std::vector<Declaration>& declarations);
// One declaration as the API answers it (without the document's bytes).
nlohmann::json declaration_json(const Declaration& d);
nlohmann::json desfire_json(const Data& data, const std::optional<DesfireCheck>& c);
// One trajectory step as the API answers it.
nlohmann::json step_json(const Step& s);
// The form or body of a step's update over its current values: the fields present replace.
FormFields merged_step(const Step& current, const FormFields& given);

}  // namespace carepilot::identification
