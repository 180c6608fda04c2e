// The JSON result of a run, schema "carepilot.exposure/1" (docs/exposure.md,
// docs/exposure.schema.json). Written host by host, so a large result is never held twice.
#pragma once

#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "exposure/analysis.hpp"
#include "exposure/report/diff.hpp"

namespace carepilot::exposure {

inline constexpr const char* kResultSchema = "carepilot.exposure/1";

nlohmann::json host_json(const HostResult& h);
// Everything but "hosts" (summary, input, warnings, rules, diff).
nlohmann::json head_json(const Result& r, const Diff* diff);
void write_json(std::ostream& out, const Result& r, const Diff* diff = nullptr);

// A stored JSON result read back (the platform renders an audit's report when it is read,
// with the comparison known then): the Result and the rules its findings point to, owned
// here. Throws InputError when `j` is not a result of this schema. Its `diff`, if any, is
// left out: the caller gives the comparison it wants.
struct StoredResult {
  std::deque<RuleInfo> rules;
  Result result;
};
std::unique_ptr<StoredResult> result_from_json(const nlohmann::json& j);

// The `exposure_audit` evidence record of a run (docs/obligations.md): date, source, score
// and findings by severity. `carepilot exposure run --store` and the platform's job
// (`exposure.run`) both record exactly this.
nlohmann::json evidence_record(const Result& r, const std::string& source = "carepilot");

}  // namespace carepilot::exposure
