// A page's HTML checked for the faults the user trial of the exposure and AD audit pages
// found (tests/adplatform, tests/exposureplatform); a whole document, such as the exposure
// report, for those and more (report_faults). CAREPILOT_DUMP_HEADINGS=1 prints the headings
// met, in order.
#pragma once

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <set>
#include <string>

namespace carepilot::testing {

// What the user trial of the exposure and AD audit pages found, checked on a page's HTML: a count
// of 0 or 1 followed by a plural noun (« 1 relations sortantes »), « Niveau ANSSI — » (no level, a
// dash), a dotted internal key of the collection (« computers.operatingsystem »), two headings in a
// row with the same text. Returns what was found ("" when none).
inline std::string page_faults(const std::string& body) {
  std::string text = std::regex_replace(body, std::regex("<[^>]*>"), " ");
  std::smatch m;
  if (std::regex_search(text, m,
                        std::regex("(^|[^0-9])[01] (relations|comptes|éléments|octets|objets|"
                                   "points|utilisateurs|ordinateurs|membres|groupes|principaux|"
                                   "domaines|règles|constats|ports|hôtes)\\b")))
    return "plural after 0 or 1: " + m.str();
  if (std::regex_search(text, m, std::regex("Niveau ANSSI\\s+—"))) return "Niveau ANSSI —";
  if (std::regex_search(
          text, m,
          std::regex("\\b(users|groups|computers|domains|gpos|ous|containers|"
                     "sessions|certtemplates|enterprisecas|rootcas|aiacas|"
                     "ntauthstores|issuancepolicies)\\.(?!(zip|json|ldif)\\b)[A-Za-z]")))
    return "internal key: " + m.str();
  std::string previous;
  for (std::size_t at = body.find("<h"); at != std::string::npos; at = body.find("<h", at + 2)) {
    if (at + 2 >= body.size() || body[at + 2] < '1' || body[at + 2] > '6') continue;
    const std::size_t open_end = body.find('>', at);
    const std::size_t close = body.find(std::string("</h") + body[at + 2], at);
    if (open_end == std::string::npos || close == std::string::npos) break;
    std::string h;
    bool in_tag = false;
    for (std::size_t k = open_end + 1; k < close; ++k) {
      const char c = body[k];
      if (c == '<') in_tag = true;
      if (!in_tag &&
          !(std::isspace(static_cast<unsigned char>(c)) && (h.empty() || h.back() == ' ')))
        h += std::isspace(static_cast<unsigned char>(c)) ? ' ' : c;
      if (c == '>') in_tag = false;
    }
    while (!h.empty() && h.back() == ' ') h.pop_back();
    if (std::getenv("CAREPILOT_DUMP_HEADINGS"))
      std::fprintf(stderr, "h%c: %s\n", body[at + 2], h.c_str());
    if (!h.empty() && h == previous) return "double heading: " + h;
    previous = h;
  }
  return "";
}

// The text a reader sees in a document: without its style and script blocks and tags.
inline std::string visible_text(const std::string& body) {
  std::string text;
  std::size_t from = 0;
  for (;;) {
    std::size_t at = std::string::npos;
    std::string tag;
    for (const char* t : {"style", "script"})
      if (const auto p = body.find(std::string("<") + t, from); p < at) at = p, tag = t;
    if (tag.empty()) break;
    text.append(body, from, at - from);
    text += ' ';
    const std::string close = "</" + tag + ">";
    const std::size_t end = body.find(close, at);
    from = end == std::string::npos ? body.size() : end + close.size();
  }
  text.append(body, from);
  return std::regex_replace(text, std::regex("<[^>]*>"), " ");
}

// A whole document (a downloaded report, the self-contained HTML report of the command line)
// checked for page_faults' faults and, over the whole document rather than in a row, a heading
// whose text comes twice; then, in its visible text, « (s) » written for a plural, an ISO date
// or timestamp (dates are French, in Paris time: « 30/11/2026 à 10 h 40 »), an internal code
// (a snake_case key such as « private_hosts_ignored », never followed by a file extension: file
// names are shown as given). Returns what was found ("" when none).
inline std::string report_faults(const std::string& body) {
  if (auto f = page_faults(body); !f.empty()) return f;
  std::set<std::string> seen;
  for (std::size_t at = body.find("<h"); at != std::string::npos; at = body.find("<h", at + 2)) {
    if (at + 2 >= body.size() || body[at + 2] < '1' || body[at + 2] > '6') continue;
    const std::size_t open_end = body.find('>', at);
    const std::size_t close = body.find(std::string("</h") + body[at + 2], at);
    if (open_end == std::string::npos || close == std::string::npos) break;
    std::string h = visible_text(body.substr(open_end + 1, close - open_end - 1));
    h = std::regex_replace(h, std::regex("\\s+"), " ");
    h = std::regex_replace(h, std::regex("^ | $"), "");
    if (!h.empty() && !seen.insert(h).second) return "repeated heading: " + h;
  }
  const std::string text = visible_text(body);
  std::smatch m;
  if (std::regex_search(text, m, std::regex("\\(s\\)"))) return "(s) plural: " + m.str();
  if (std::regex_search(text, m, std::regex("\\b[0-9]{4}-[0-9]{2}-[0-9]{2}\\b")))
    return "ISO date: " + m.str();
  if (std::regex_search(text, m, std::regex("(T|\\b)[0-9]{2}:[0-9]{2}(:[0-9]{2}|Z)")))
    return "ISO time: " + m.str();
  if (std::regex_search(text, m, std::regex("\\b[a-z][a-z0-9]*_[a-z0-9_]+\\b(?!\\.[A-Za-z])")))
    return "internal code: " + m.str();
  return "";
}

}  // namespace carepilot::testing
