// The printable RETEX of an exercise: an A4 PDF (cairo + pango) with the establishment, the
// plan (date, scenario, format, participants), the RETEX (what worked, what failed,
// decisions) and its items with their PAQ status; wrapped French text, numbered pages,
// as many pages as the text needs.
#pragma once

#include <string>

#include "exercises/model.hpp"
#include "registry/model.hpp"

namespace carepilot::exercises {

// The PDF bytes. `ex` comes from Repository::get (with its items).
std::string retex_pdf(const registry::Establishment& est, const Exercise& ex);

}  // namespace carepilot::exercises
