// The JSON bodies of the API, through the same steps as the handlers before any write:
// parse_json_body (400/415), then each module's reading and validation (422). The first
// byte picks the operation, the rest is the body. Any body gives a value or a UserError (or
// the engine's BundleError, which the evidence handler maps to 422): any other exception
// would be a 500.
#include <cstddef>
#include <cstdint>
#include <string>

#include "budget/input.hpp"
#include "common/errors.hpp"
#include "engine/bundle.hpp"
#include "http/json_body.hpp"
#include "paq/input.hpp"
#include "paq/repository.hpp"
#include "referential/loader.hpp"
#include "registry/catalog.hpp"
#include "registry/json.hpp"
#include "registry/validation.hpp"
#include "training/input.hpp"

namespace {

using namespace carepilot;
using nlohmann::json;

const Date kToday = *parse_date("2026-11-30");

// What a repository does with the refusals before any write.
void refuse(const std::vector<FieldError>& errors) {
  if (!errors.empty()) throw UserError::invalid(errors);
}

void operation(unsigned which, const http::Request& req) {
  json body = http::parse_json_body(req);
  switch (which % 8) {
    case 0: {  // POST /establishments/:finess/paq/actions
      refuse(paq::Repository::check(paq::input_from_json(body)));
      break;
    }
    case 1: {  // PUT /establishments/:finess/paq/actions/:id
      paq::Action current;
      current.title = "Action";
      refuse(paq::Repository::check(paq::change_from_json(body, current)));
      break;
    }
    case 2: {  // PUT /establishments/:finess/budget/:year
      auto in = budget::input_from_json(2026, body);
      if (!in.format_errors.empty()) throw UserError::invalid(in.format_errors);
      auto errors = budget::check(in, kToday);
      if (!errors.empty()) throw UserError::invalid(errors);
      break;
    }
    case 3: {  // PUT /establishments/:finess/training/:year
      auto in = training::coverage_from_json(2026, body);
      auto errors = training::check(in, kToday);
      if (!errors.empty()) throw UserError::invalid(errors);
      break;
    }
    case 4: {  // POST /establishments/:finess/training/campaigns
      auto in = training::campaign_from_json(body);
      auto errors = training::check(in, kToday);
      if (!errors.empty()) throw UserError::invalid(errors);
      break;
    }
    case 5:    // POST /establishments
    case 6: {  // PATCH /establishments/:finess (absent fields from the current record)
      registry::EstablishmentInput base;
      if (which % 8 == 6) {
        base.finess_et = "750712184";
        base.name = "CH";
        base.type = "ch";
        base.department = "75";
      }
      auto in = registry::establishment_from_json(body, base);
      auto errors = registry::validate_establishment(in, registry::Catalog::builtin());
      if (!errors.empty()) throw UserError::invalid(errors);
      break;
    }
    default: {  // POST /establishments/:finess/evidence
      static const referential::Referential ref = referential::load_embedded_referential();
      if (!body.is_object()) throw UserError::invalid({});
      engine::Establishment est{"750712184", "CH", "sanitaire", {}};
      try {
        engine::parse_evidence(body, est, ref, "evidence");
      } catch (const engine::BundleError&) {
        throw UserError::invalid({});
      }
      (void)body.dump();  // the payload is stored as it came
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  http::Request req;
  req.method = "POST";
  req.headers["content-type"] = "application/json";
  req.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    operation(data[0], req);
  } catch (const UserError& e) {
    if (e.status() != 400 && e.status() != 422) __builtin_trap();
  }
  return 0;
}
