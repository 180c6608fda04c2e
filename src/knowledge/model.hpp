// The knowledge base (issue 20): FAQ entries, PGSSI-S referentials and guides, the objectives
// of the funding domains, the catalogue of cyber offers and the programme's key dates, as one
// kind of record searchable in French. Loaded from data/knowledge/*.yaml, stored in the
// database (migration 0047), edited by national staff (everything) and regional staff (their
// region's offers).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/date.hpp"

namespace carepilot::knowledge {

// One entry. `kind` says which optional fields apply: faq (ref), referential (doc_kind,
// version, date, paliers), objective, offer (provider, offer_kind, cost, contact, region),
// date (date, end).
struct Entry {
  std::string id;  // stable: "D2.O3.C", "faq-desfire", "offre-cert-sante"
  std::string kind;
  std::string title;
  std::string summary;
  std::string theme;
  std::vector<std::string> audiences;    // sanitaire, medico_social
  std::vector<std::string> obligations;  // ids of data/obligations (crisis-exercise …)
  std::vector<std::string> objectives;   // normalised funding objectives (D2.O1.C)
  std::vector<std::string> keywords;     // extra words the search finds the entry by
  std::string region;                    // offers: "" national, else the region's code
  std::string ref;                       // faq: the objective the question is about
  std::string doc_kind;                  // referential: corpus, referentiel, guide, instruction
  std::string version;                   // referential, when the texts give it
  std::optional<Date> date;              // referential: publication; date: the day
  std::optional<Date> end;               // date: the last day of a period
  std::vector<std::string> paliers;      // referential: stages, in order
  std::string provider, offer_kind, cost, contact;  // offers
  std::string link;
  std::string note;    // what the texts leave open
  std::string source;  // the text the entry comes from
};

// The codes entries may use and the stop words of the search (data/knowledge/vocabulary.yaml).
struct Vocabulary {
  std::vector<std::string> kinds, themes, audiences, offer_kinds, doc_kinds;
  std::set<std::string> stopwords;  // folded (lower case, no accents)
  // The words of a question that name no subject (« comment », « quand », « dois »), folded:
  // left out of a query that holds other words, kept in the documents.
  std::set<std::string> question_words;
  // Groups of words or phrases that mean the same (« double authentification », « 2FA »,
  // « MFA »): a query holding one phrase of a group searches all of them (alternatives).
  std::vector<std::vector<std::string>> synonyms;
  // What answers a kind of question (« quand »: a key date, a word of frequency next to the
  // query's words): those entries come first among the entries holding as many words.
  struct QuestionHint {
    std::string question;            // folded (« quand »)
    std::vector<std::string> kinds;  // entry kinds that answer it (date)
    std::vector<std::string> words;  // words that answer it, as written (« annuel »)
  };
  std::vector<QuestionHint> question_hints;
};

// What the loader checks entries against (the registry's regions, the obligations' ids).
struct KnownCodes {
  std::set<std::string> regions;
  std::set<std::string> obligations;
  // The prerequisites and objectives of the funding calls (data/funding), normalised (D2.O1.C).
  std::set<std::string> objectives;
  // Their labels (data/funding/calls.yaml), by normalised id: the one name of an objective. An
  // entry of kind `objective` is titled « ID — label » (objective_title).
  std::map<std::string, std::string> objective_labels;
};

}  // namespace carepilot::knowledge
