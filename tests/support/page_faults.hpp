// A page's HTML checked for the faults the user trial of the exposure and AD audit pages
// found (tests/adplatform, tests/exposureplatform). CAREPILOT_DUMP_HEADINGS=1 prints the
// headings met, in order.
#pragma once

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <regex>
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
                        std::regex("(^|[^0-9 ])[01] (relations|comptes|éléments|octets|objets|"
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

}  // namespace carepilot::testing
