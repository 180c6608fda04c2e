#include "knowledge/text.hpp"

#include <libstemmer.h>

#include <cctype>
#include <memory>
#include <unordered_map>

namespace carepilot::knowledge {

namespace text_detail {

// The folded form of the two-byte UTF-8 letter 0xC3 `b` (Latin-1 supplement), or nullptr.
const char* fold_c3(unsigned char b) {
  static const char* const table[64] = {
      "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
      "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
      "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};
  return b >= 0x80 && b <= 0xBF ? table[b - 0x80] : nullptr;
}

// The folded letter starting at text[i] and its length in bytes; nullptr when not a letter.
const char* letter_at(std::string_view text, std::size_t i, std::size_t& len, std::string& ascii) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    len = 1;
    if (!std::isalnum(c)) return nullptr;
    ascii.assign(1, static_cast<char>(std::tolower(c)));
    return ascii.c_str();
  }
  if (i + 1 < text.size()) {
    auto b = static_cast<unsigned char>(text[i + 1]);
    len = 2;
    if (c == 0xC3) return fold_c3(b);
    if (c == 0xC5 && (b == 0x92 || b == 0x93)) return "oe";
    if (c == 0xC5 && (b == 0xB8 || b == 0xB7)) return "y";
  }
  len = 1;
  if (c >= 0xC0) {  // skip a whole other multi-byte character
    len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (i + len > text.size()) len = text.size() - i;
  }
  return nullptr;
}

// The lower-case letter starting at text[i], accents kept ("É" -> "é"), appended to `out`;
// called only where letter_at found a letter of `len` bytes.
void lower_at(std::string_view text, std::size_t i, std::size_t len, std::string& out) {
  auto c = static_cast<unsigned char>(text[i]);
  if (len == 1) {
    out += static_cast<char>(std::tolower(c));
    return;
  }
  auto b = static_cast<unsigned char>(text[i + 1]);
  if (c == 0xC3 && b >= 0x80 && b <= 0x9E && b != 0x97) b = static_cast<unsigned char>(b + 0x20);
  if (c == 0xC5 && (b == 0x92 || b == 0x93)) {  // the stemmer knows no œ: "oe" as folded
    out += "oe";
    return;
  }
  if (c == 0xC5 && b == 0xB8) {  // Ÿ -> ÿ
    out += "\xC3\xBF";
    return;
  }
  out += static_cast<char>(c);
  out += static_cast<char>(b);
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

}  // namespace text_detail

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::string ascii;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 1;
    if (const char* f = text_detail::letter_at(text, i, len, ascii))
      out += f;
    else
      out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> out;
  std::string ascii;
  std::size_t i = 0;
  // A group: runs joined by '.' or '-' ("D2.O1.C"); its runs are words, and its joined form
  // too when it holds a digit and more than one run.
  while (i < text.size()) {
    std::size_t len = 1;
    if (!text_detail::letter_at(text, i, len, ascii)) {
      i += len;
      continue;
    }
    std::size_t group_begin = i, runs = 0;
    std::string joined, joined_lower;
    bool digit = false;
    for (;;) {
      Word w;
      w.begin = i;
      const char* f;
      while (i < text.size() && (f = text_detail::letter_at(text, i, len, ascii))) {
        w.folded += f;
        text_detail::lower_at(text, i, len, w.lower);
        i += len;
      }
      w.end = i;
      for (char c : w.folded) digit = digit || std::isdigit(static_cast<unsigned char>(c));
      joined += w.folded;
      joined_lower += w.lower;
      ++runs;
      out.push_back(std::move(w));
      std::size_t l2 = 1;
      if (i + 1 < text.size() && (text[i] == '.' || text[i] == '-') &&
          text_detail::letter_at(text, i + 1, l2, ascii)) {
        ++i;
        continue;
      }
      break;
    }
    if (runs > 1 && digit) out.push_back({group_begin, i, joined, joined_lower, true});
  }
  return out;
}

std::string stem_word(const std::string& lower) {
  thread_local std::unique_ptr<sb_stemmer, text_detail::StemmerDeleter> stemmer(
      sb_stemmer_new("french", "UTF_8"));
  if (!stemmer || lower.empty()) return fold(lower);
  // The stems already computed by this thread: the excerpts of every search stem the words of
  // each hit's summary, and the same words come back from one search to the next (stemming
  // was a tenth of a search's time). Bounded: emptied when it holds 50,000 words.
  thread_local std::unordered_map<std::string, std::string> known;
  if (auto it = known.find(lower); it != known.end()) return it->second;
  // Snowball's French rules read the accents ("sauvegardées", "dédié"): the word is stemmed
  // accented, the stem folded afterwards.
  const sb_symbol* s =
      sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(lower.data()),
                      static_cast<int>(lower.size()));
  if (!s) return fold(lower);
  std::string stem = fold(std::string(reinterpret_cast<const char*>(s),
                                      static_cast<std::size_t>(sb_stemmer_length(stemmer.get()))));
  if (known.size() >= 50000) known.clear();
  known.emplace(lower, stem);
  return stem;
}

namespace text_detail {
// A word typed without any accent ("securite", "sauvegardees") gets the accents of the French
// endings that carry one (-ée, -ées, -ité, -ités) before it is stemmed, so that it gives the
// stem of its accented spelling; the same on documents and queries.
std::string with_endings_accented(const std::string& lower) {
  for (char c : lower)
    if (static_cast<unsigned char>(c) >= 0x80) return lower;
  auto ends = [&](std::string_view e) {
    return lower.size() > e.size() + 2 && lower.compare(lower.size() - e.size(), e.size(), e) == 0;
  };
  static const char* const kEndings[][2] = {{"ees",
                                             "\xC3\xA9"
                                             "es"},
                                            {"ee",
                                             "\xC3\xA9"
                                             "e"},
                                            {"ites", "it\xC3\xA9s"},
                                            {"ite", "it\xC3\xA9"}};
  for (const auto& [plain, accented] : kEndings)
    if (ends(plain))
      return lower.substr(0, lower.size() - std::string_view(plain).size()) + accented;
  return lower;
}
}  // namespace text_detail

std::string word_term(const Word& w) {
  bool has_digit = false;
  for (char c : w.folded) has_digit = has_digit || std::isdigit(static_cast<unsigned char>(c));
  if (has_digit) return w.folded;
  const std::string lower = text_detail::with_endings_accented(w.lower);
  std::string t = stem_word(lower);
  // A participle in -ié keeps its i ("dédié" -> "dedi") where the same word typed without
  // accents loses it ("dedie" -> "ded", like "copie" -> "cop"): the i goes in both.
  auto ends = [&](std::string_view e) {
    return lower.size() > e.size() + 1 && lower.compare(lower.size() - e.size(), e.size(), e) == 0;
  };
  if (t.size() > 2 && t.back() == 'i' &&
      (ends("i\xC3\xA9") ||
       ends("i\xC3\xA9"
            "e") ||
       ends("i\xC3\xA9s") ||
       ends("i\xC3\xA9"
            "es")))
    t.pop_back();
  return t;
}

namespace text_detail {
std::optional<std::string> term_of(const Word& w, const std::set<std::string>& stop) {
  if (w.folded.size() > 64) return std::nullopt;  // no real word is that long
  if (stop.count(w.folded)) return std::nullopt;
  std::string t = word_term(w);
  if (t.empty() || stop.count(t)) return std::nullopt;
  return t;
}
}  // namespace text_detail

std::vector<std::string> document_terms(std::string_view text, const std::set<std::string>& stop) {
  std::vector<std::string> out;
  for (const auto& w : split_words(text))
    if (auto t = text_detail::term_of(w, stop)) out.push_back(std::move(*t));
  return out;
}

std::vector<std::vector<std::string>> query_clauses(std::string_view query,
                                                    const std::set<std::string>& stop) {
  auto words = split_words(query);
  std::vector<std::vector<std::string>> out;
  std::set<std::string> seen;
  bool either = false;  // an « OU » / « OR » read since the last term
  for (std::size_t i = 0; i < words.size(); ++i) {
    Word w = words[i];
    // The runs of a compound are searched through the compound only (it follows its runs).
    bool in_compound = false;
    for (const auto& c : words)
      if (c.compound && !w.compound && c.begin <= w.begin && c.end >= w.end) in_compound = true;
    if (in_compound) continue;
    const auto typed = query.substr(w.begin, w.end - w.begin);
    if (!w.compound && (typed == "OU" || typed == "OR")) {
      either = !out.empty();
      continue;
    }
    if (w.compound) {
      // An objective written with a zero for the letter O ("D2.01.C") is searched normalised.
      if (auto n = normalise_objective(typed)) {
        std::string j;
        for (char c : fold(*n))
          if (c != '.') j += c;
        w.folded = j;
        w.lower = j;
      }
    }
    auto t = text_detail::term_of(w, stop);
    if (!t) continue;
    if (seen.insert(*t).second) {
      if (either)
        out.back().push_back(std::move(*t));
      else
        out.push_back({std::move(*t)});
    }
    either = false;
  }
  return out;
}

std::vector<std::string> query_terms(std::string_view query, const std::set<std::string>& stop) {
  std::vector<std::string> out;
  for (auto& c : query_clauses(query, stop))
    for (auto& t : c) out.push_back(std::move(t));
  return out;
}

std::optional<std::string> normalise_objective(std::string_view id) {
  // {prefix}.P{k} | {prefix}.O{m} | {prefix}.O{m}.{letter}, the prefix a letter then letters
  // and digits (D1, D2, HC); a zero for the O is read as O.
  std::string s;
  for (char c : id) s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t b = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i > b;
  };
  if (s.empty() || s[0] < 'A' || s[0] > 'Z') return std::nullopt;
  while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
  if (i > 8) return std::nullopt;
  if (i >= s.size() || s[i++] != '.') return std::nullopt;
  if (i >= s.size()) return std::nullopt;
  char k = s[i];
  if (k == '0' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]))) k = 'O';
  if (k != 'P' && k != 'O') return std::nullopt;
  s[i++] = k;
  if (!digits()) return std::nullopt;
  if (i == s.size()) return s;
  if (k != 'O' || s[i++] != '.' || i + 1 != s.size() ||
      !std::isalpha(static_cast<unsigned char>(s[i])))
    return std::nullopt;
  return s;
}

}  // namespace carepilot::knowledge
