// The self-contained French HTML report of a run (one file, inline style, no script):
// summary and score, counts by severity, rules in failure, exposed hosts with their
// findings, the diff with a previous run when given, and what was read.
#pragma once

#include <string>

#include "exposure/analysis.hpp"
#include "exposure/report/diff.hpp"

namespace carepilot::exposure {

struct HtmlOptions {
  std::size_t max_hosts = 2000;  // hosts with findings listed in detail
  // Whose exposure it is (« Centre hospitalier … — FINESS 490000155 »): named under the
  // title and in the document's title when given (the platform's reports; the CLI has none).
  std::string establishment;
};

std::string render_html(const Result& r, const Diff* diff = nullptr, const HtmlOptions& o = {});

}  // namespace carepilot::exposure
