#include "referential/model.hpp"

#include <algorithm>

namespace carepilot::referential {

std::string_view periodicity_name(Periodicity p) {
  switch (p) {
    case Periodicity::yearly:
      return "yearly";
    case Periodicity::quarterly:
      return "quarterly";
    case Periodicity::once:
      return "once";
    case Periodicity::continuous:
      return "continuous";
    case Periodicity::fixed:
      return "fixed";
  }
  return "";
}

const Service* Referential::find_service(std::string_view name) const {
  auto it = service_names.find(name);  // already a catalogue name: no allocation
  if (it == service_names.end()) it = service_names.find(normalize_name(name));
  return it == service_names.end() ? nullptr : &services[it->second];
}

std::vector<std::string> Referential::categories() const {
  std::vector<std::string> out;
  for (const auto& i : instructions)
    for (const auto& c : i.categories)
      if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  return out;
}

const Obligation* Referential::find_obligation(std::string_view id) const {
  for (const auto& o : obligations)
    if (o.id == id) return &o;
  return nullptr;
}

std::string normalize_name(std::string_view in) {
  // Two-byte UTF-8 sequences of the Latin-1 supplement letters French uses.
  static constexpr struct {
    unsigned char second;
    char plain;
  } kLatin1[] = {{0xA0, 'a'}, {0xA2, 'a'}, {0xA4, 'a'}, {0xA7, 'c'}, {0xA8, 'e'}, {0xA9, 'e'},
                 {0xAA, 'e'}, {0xAB, 'e'}, {0xAE, 'i'}, {0xAF, 'i'}, {0xB4, 'o'}, {0xB6, 'o'},
                 {0xB9, 'u'}, {0xBB, 'u'}, {0xBC, 'u'}, {0xBF, 'y'}, {0x80, 'a'}, {0x82, 'a'},
                 {0x84, 'a'}, {0x87, 'c'}, {0x88, 'e'}, {0x89, 'e'}, {0x8A, 'e'}, {0x8B, 'e'},
                 {0x8E, 'i'}, {0x8F, 'i'}, {0x94, 'o'}, {0x96, 'o'}, {0x99, 'u'}, {0x9B, 'u'},
                 {0x9C, 'u'}};
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c == 0xC3 && i + 1 < in.size()) {
      auto next = static_cast<unsigned char>(in[i + 1]);
      char plain = 0;
      for (const auto& l : kLatin1)
        if (l.second == next) plain = l.plain;
      if (plain != 0) {
        out.push_back(plain);
        ++i;
        continue;
      }
    }
    if (c >= 'A' && c <= 'Z')
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if (c == ' ' || c == '_')
      out.push_back('-');
    else
      out.push_back(static_cast<char>(c));
  }
  return out;
}

}  // namespace carepilot::referential
