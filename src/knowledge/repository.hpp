// Storage and search of the knowledge base (issue 20). One search over every entry: the query
// is turned into stemmed terms (knowledge/text.hpp), the database finds the entries holding
// them all (FTS5 on SQLite, the `french` configuration on PostgreSQL), and the ranking, facets
// and excerpts are computed here from the stored terms, so both databases answer the same.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/scope.hpp"
#include "knowledge/model.hpp"
#include "store/database.hpp"

namespace carepilot::knowledge {

struct SearchQuery {
  std::string q;
  std::string kind, theme, audience, region;  // filters ("" = any; region "national")
  std::string obligation;                     // entries linked to an obligation
  std::string objective;                      // entries linked to a funding objective (D2.O1.C)
  // The regional offers the reader may see (regional offers are not public): nullopt every
  // region's (national staff, the application itself), "" none (anonymous visitors: national
  // offers only), else that region's (its staff and establishments). Hidden entries are left
  // out of the hits, the total and the facets.
  std::optional<std::string> visible_region;
  int page = 1, per_page = 20;
};

// A piece of an excerpt; `hit` pieces are words of the query.
struct Segment {
  std::string text;
  bool hit = false;
};

struct Hit {
  Entry entry;
  double score = 0;
  std::vector<Segment> excerpt;
};

struct Facet {
  std::string code;
  int count = 0;
};

struct SearchResult {
  std::vector<std::string> terms;  // the query's index terms (empty: every entry, by kind)
  bool too_long = false;           // the query passed kMaxQueryChars (not searched)
  // No entry holds every word of the query: the entries holding some of them, those holding
  // the most first.
  bool any_word = false;
  int total = 0;  // entries matching query and filters (exact)
  // Entries ranked: `total`, or kMaxCandidates when more match (the first kMaxCandidates by
  // storage order are ranked; the page says so).
  int ranked = 0;
  // The page answered: the one asked for, or the last page of the ranked entries when asked
  // past it (1 when none is ranked).
  int page = 1;
  std::vector<Hit> hits;                             // the page asked for, best first
  std::map<std::string, std::vector<Facet>> facets;  // kind, theme, audience, region
};

// The longest query, in characters (what the search box's maxlength lets a user type).
inline constexpr std::size_t kMaxQueryChars = 300;
inline constexpr std::size_t kMaxQueryTerms = 12;
// The most entries ranked by one search (the bound of its time and memory): a broader query
// still gets its exact total and facets, counted by the database.
inline constexpr std::size_t kMaxCandidates = 5000;
// The largest YAML file imported (bytes): the shipped files are 60 kB; 20,000 offers ~8 MB.
inline constexpr std::size_t kMaxImportBytes = 16u << 20;

// What an import did, entry by entry.
struct ImportResult {
  int created = 0, updated = 0, unchanged = 0;
};

class Repository {
 public:
  Repository(store::Database& db, const Vocabulary& vocab, KnownCodes known);

  const Vocabulary& vocabulary() const { return vocab_; }
  const KnownCodes& known() const { return known_; }

  // Inserts the entries whose id is not stored yet (an edited entry is never overwritten);
  // returns how many were inserted. One audit entry when any was.
  int seed(const std::vector<Entry>& entries, const Actor& actor);

  std::optional<Entry> find(const std::string& id);
  // Whether a reader who sees `visible_region`'s offers (SearchQuery::visible_region) sees `e`.
  static bool visible(const Entry& e, const std::optional<std::string>& visible_region);
  SearchResult search(const SearchQuery& q);
  // Every stored entry, by kind then id (the export).
  std::vector<Entry> all();

  // Whether `scope` may change `e`: the nation everything, a region its own region's offers.
  static bool may_edit(const Scope& scope, const Entry& e);
  // Creates (`create`) or replaces an entry after check_entry and may_edit (403
  // knowledge.forbidden, 404, 409 knowledge.exists: the id or the same id in another case is
  // taken, 422); audited.
  Entry save(const Scope& scope, Entry e, bool create, const Actor& actor);
  void remove(const Scope& scope, const std::string& id, const Actor& actor);

  // Imports a YAML file in the shipped format (export_yaml writes it), all or nothing: a file
  // load_entries refuses gives 422 knowledge.invalid_file with "FILE:LINE: reason"; an entry
  // save refuses (422, 403 for an entry outside the caller's scope) stores nothing. Each entry
  // is created or replaced (audited); an entry equal to the stored one is left as it is.
  ImportResult import_yaml(const Scope& scope, const std::string& file_name,
                           const std::string& text, const Actor& actor);

 private:
  enum class Write { create, replace, upsert };
  // save's checks and write on `s` (the caller's transaction); false when an upsert or
  // replacement leaves the entry as stored.
  bool save_in(soci::session& s, const Scope& scope, Entry& e, Write mode, const Actor& actor);
  static bool find_in(soci::session& s, const std::string& id);
  void write_row(soci::session& s, const Entry& e, std::optional<long long> row_id,
                 const std::string& origin, const Actor& actor);
  // Gives every stored objective its title from the funding calls (objective_title) where it
  // differs (a database written before the title came from there); called by seed at start-up,
  // no audit entry (the entry is not edited: its name is the call's). Returns how many.
  int retitle_objectives(const Actor& actor);
  // Rewrites the index terms of the entries stored in an older layout (no keyword part):
  // called by seed at start-up; writes no audit entry (the entries do not change).
  void reindex_old_rows();
  store::Database& db_;
  Vocabulary vocab_;
  KnownCodes known_;
  // An identifier typed as a word, joined and folded ("d2o1", "d201c", "d2") -> the joined
  // form of the known objectives it starts ("d2o1", "d2o1c", "d2"): searched as a prefix.
  std::map<std::string, std::string> id_keys_;
  // The stop words and the question words: what a query leaves out when it holds other words.
  std::set<std::string> query_stop_;
};

nlohmann::json entry_json(const Entry& e);
Entry entry_from_json(const nlohmann::json& j);
// A stored payload (entry_json's text) read back: entry_from_json(nlohmann::json::parse(payload)),
// the same entry or the same error, without building the document for the shape entry_json
// writes.
Entry entry_from_payload(const std::string& payload);

}  // namespace carepilot::knowledge
