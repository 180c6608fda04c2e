// French text for the knowledge search (issue 20): folding (lower case, accents removed),
// words, Snowball French stemming (libstemmer) and the identifiers of funding objectives.
// The same functions turn documents and queries into index terms on both databases, so that
// the full-text engines (SQLite FTS5, PostgreSQL `french`) never see user text raw.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace carepilot::knowledge {

// Lower case without accents ("Été" -> "ete", "œuvre" -> "oeuvre"); other bytes kept.
std::string fold(std::string_view text);

// A word of a text: where it is (bytes of the original), its folded form and its lower-case
// form with the accents kept (what the stemmer reads). A word is a run
// of letters and digits; runs joined by '.' or '-' that hold a digit ("D2.O1.C", "3-2-1")
// also give their joined form ("d2o1c", "321") as a `compound` word.
struct Word {
  std::size_t begin = 0, end = 0;
  std::string folded;
  std::string lower;
  bool compound = false;
};
std::vector<Word> split_words(std::string_view text);

// The Snowball French stem of a lower-case word with its accents, then folded
// ("sauvegardées" -> "sauvegard", "dédié" -> "dedi"). The stemmer needs the accents: a word
// folded first loses its feminine and past-participle endings ("sauvegardees" -> "sauvegarde").
std::string stem_word(const std::string& lower);
// The index term of a word: its folded form when it holds a digit, else its stem.
std::string word_term(const Word& w);

// The index terms of a document (stemmed, stop words left out, in order, repeated).
std::vector<std::string> document_terms(std::string_view text, const std::set<std::string>& stop);
// The terms of a query: distinct, in order; an identifier ("D2.01.C") is normalised and
// searched as its joined form only.
std::vector<std::string> query_terms(std::string_view query, const std::set<std::string>& stop);
// The same terms as clauses: each clause one term, or the terms joined by « OU » or « OR »
// typed in capital letters between two words (« PCRI OU BIA »: either of them). In lower case
// (« ou », « où ») it is a word like another (a stop word).
std::vector<std::vector<std::string>> query_clauses(std::string_view query,
                                                    const std::set<std::string>& stop);

// "D2.01.C" -> "D2.O1.C", "d2.o3.c" -> "D2.O3.C", "D1.P2" -> "D1.P2", "hc.02.c" -> "HC.O2.C";
// nullopt when the text is not shaped as a funding identifier ({prefix}.P{k}, {prefix}.O{m},
// {prefix}.O{m}.{letter}, the prefix a letter then letters or digits: D1, D2, HC). Whether
// the identifier exists is known_objective's question (knowledge/known.hpp).
std::optional<std::string> normalise_objective(std::string_view id);

}  // namespace carepilot::knowledge
