// French explanations of obligation results: the rule, its source, the evidence used,
// the deadline and what is missing.
#pragma once

#include <string>

#include "engine/report.hpp"
#include "referential/model.hpp"

namespace carepilot::engine {

// Builds result.explanation from the other fields of `result`. `situation` is the first
// sentence specific to the case (e.g. "En retard : ..."); `as_of` is the evaluation date.
std::string explain(const referential::Referential& ref, const referential::Obligation& obligation,
                    const ObligationResult& result, const std::string& situation);

// "84,2 %" (one decimal, French comma).
std::string format_percent(double share);
// "31/12/2026"
std::string format_date_fr(const Date& d);

}  // namespace carepilot::engine
