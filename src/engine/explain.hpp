// French explanations of obligation results: the rule, its source, the evidence used,
// the deadline and what is missing.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "engine/report.hpp"
#include "referential/model.hpp"

namespace carepilot::engine {

// Builds result.explanation from the other fields of `result`: `situation`, the first
// sentence specific to the case (e.g. "En retard : ..."), then explain_tail. The evidence
// used is cited by numbers[i] for record i (the stored record's id, as pages show it) when
// `numbers` covers it, else by its index.
std::string explain(const referential::Referential& ref, const referential::Obligation& obligation,
                    const ObligationResult& result, std::span<const std::int64_t> numbers,
                    const std::string& situation);
// The explanation after the situation: evidence used, what is missing, measures, the rule
// and its source.
std::string explain_tail(const referential::Referential& ref,
                         const referential::Obligation& obligation, const ObligationResult& result,
                         std::span<const std::int64_t> numbers);
// The situation sentence of result.explanation alone (the compliance page shows the rule
// and its source apart); the whole explanation when it does not end with explain_tail.
std::string situation_of(const referential::Referential& ref, const ObligationResult& result,
                         std::span<const std::int64_t> numbers);

// "84,2 %" (one decimal, French comma).
std::string format_percent(double share);
// "31/12/2026"
std::string format_date_fr(const Date& d);

}  // namespace carepilot::engine
