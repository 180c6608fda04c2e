// The engine: status of every obligation for an establishment as of a date, derived from
// its evidence. Pure and deterministic: no I/O, no clock.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/evidence.hpp"
#include "engine/report.hpp"
#include "referential/model.hpp"

namespace carepilot::engine {

// Evaluates every obligation of `ref` for `establishment` as of `as_of`. Records dated
// after `as_of` are ignored. Record indexes in the result refer to `evidence`; the
// explanations cite record i as "n° numbers[i]" (its stored id) when given, else by index.
EstablishmentReport evaluate(const referential::Referential& ref,
                             const Establishment& establishment, std::span<const Evidence> evidence,
                             const Date& as_of, std::span<const std::int64_t> numbers = {});

// Evaluates one obligation (used by evaluate; exposed for pages showing one line).
ObligationResult evaluate_obligation(const referential::Referential& ref,
                                     const referential::Obligation& obligation,
                                     const Establishment& establishment,
                                     std::span<const Evidence> evidence, const Date& as_of,
                                     std::span<const std::int64_t> numbers = {});

}  // namespace carepilot::engine
