#include "knowledge/repository.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "common/errors.hpp"
#include "common/labels.hpp"
#include "common/text.hpp"
#include "knowledge/data.hpp"
#include "knowledge/routes.hpp"
#include "knowledge/text.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/rows.hpp"
#include "store/transaction.hpp"

namespace carepilot::knowledge {

namespace repository_detail {

std::string join_codes(const std::vector<std::string>& v) {
  std::string out = " ";
  for (const auto& x : v) out += x + " ";
  return out;
}

std::string join_terms(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) {
    if (!out.empty()) out += ' ';
    out += x;
  }
  return out;
}

std::vector<std::string> split_terms(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The fields of an entry as the search weighs them: its title and id; its keywords and
// objectives (for a FAQ entry, what the question is about); the rest of its text (the answer,
// the summary). The title and keyword terms are stored together in `search_title`, the
// keywords after a lone « | » (kKeywordMark), which neither FTS5 nor PostgreSQL indexes.
inline constexpr const char* kKeywordMark = "|";
std::string title_text(const Entry& e) {
  return e.title + " " + e.id;
}
std::string keyword_text(const Entry& e) {
  std::string t;
  for (const auto& k : e.keywords) t += " " + k;
  for (const auto& o : e.objectives) t += " " + o;
  return t;
}
std::string body_text(const Entry& e) {
  std::string t = e.summary + " " + e.provider;
  for (const auto& p : e.paliers) t += " " + p;
  return t;
}

int kind_rank(const Vocabulary& v, const std::string& kind) {
  auto it = std::find(v.kinds.begin(), v.kinds.end(), kind);
  return static_cast<int>(it - v.kinds.begin());
}

// A term of a query: an identifier's ("d2o1" for « D2.O1 ») matches the terms it starts.
struct Term {
  std::string text;
  bool prefix = false;
  bool matches(const std::string& stored) const {
    return prefix ? stored.compare(0, text.size(), text) == 0 : stored == text;
  }
};
bool holds(const std::vector<std::string>& seq, const Term& t) {
  return std::any_of(seq.begin(), seq.end(), [&](const std::string& s) { return t.matches(s); });
}

// Whether `phrase` is in `seq` in a row.
bool in_row(const std::vector<std::string>& seq, const std::vector<Term>& phrase) {
  if (phrase.empty() || phrase.size() > seq.size()) return false;
  for (std::size_t i = 0; i + phrase.size() <= seq.size(); ++i) {
    std::size_t k = 0;
    while (k < phrase.size() && phrase[k].matches(seq[i + k])) ++k;
    if (k == phrase.size()) return true;
  }
  return false;
}

// One way of matching a clause of the query: the words typed (every term held, anywhere), or
// another phrase of a synonym group (its terms in a row, in one field).
struct Alternative {
  std::vector<Term> terms;
  bool phrase = false;  // in a row (a synonym), else each term anywhere (the words typed)
};
// A clause of the query, held when one of its alternatives is: a word typed (one
// alternative), words joined by « OU » (one each), a phrase of a synonym group (the words
// typed first, then the group's other phrases).
struct Clause {
  std::vector<Alternative> alts;
  bool either = false;  // « PCRI OU BIA »: no phrase with its neighbours
};

// The fields of an entry as stored (title, keywords, body).
struct Fields {
  const std::vector<std::string>& title;
  const std::vector<std::string>& keywords;
  const std::vector<std::string>& body;
};
bool held(const Fields& f, const Alternative& a) {
  if (a.phrase)
    return in_row(f.title, a.terms) || in_row(f.keywords, a.terms) || in_row(f.body, a.terms);
  return std::all_of(a.terms.begin(), a.terms.end(), [&](const Term& t) {
    return holds(f.title, t) || holds(f.keywords, t) || holds(f.body, t);
  });
}
// Whether an entry matches the query: every clause held (`any`: one word typed or one phrase).
bool matches(const Fields& f, const std::vector<Clause>& clauses, bool any) {
  for (const auto& c : clauses) {
    bool one = false;
    for (const auto& a : c.alts) {
      if (any && !a.phrase) {
        for (const auto& t : a.terms) one = one || held(f, Alternative{{t}, false});
      } else {
        one = one || held(f, a);
      }
    }
    if (any && one) return true;
    if (!any && !one) return false;
  }
  return !any;
}

// The synonyms of the query (vocabulary.yaml, `synonyms`): words typed in a row that are a
// phrase of a group become one clause, the words typed then the group's other phrases.
void expand_synonyms(std::vector<Clause>& clauses, const Vocabulary& vocab) {
  std::vector<std::vector<std::string>> phrases;
  std::vector<std::vector<std::vector<std::string>>> groups;
  for (const auto& g : vocab.synonyms) {
    groups.emplace_back();
    for (const auto& p : g) {
      auto t = document_terms(p, vocab.stopwords);
      if (t.empty()) continue;
      groups.back().push_back(t);
      phrases.push_back(std::move(t));
    }
  }
  // The longest phrases first (« authentification à double facteur » before « double »…).
  std::stable_sort(phrases.begin(), phrases.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  auto plain = [](const Clause& c, const std::string& text) {
    return c.alts.size() == 1 && !c.either && c.alts[0].terms.size() == 1 &&
           !c.alts[0].terms[0].prefix && c.alts[0].terms[0].text == text;
  };
  for (const auto& p : phrases) {
    for (std::size_t i = 0; i + p.size() <= clauses.size(); ++i) {
      std::size_t k = 0;
      while (k < p.size() && plain(clauses[i + k], p[k])) ++k;
      if (k != p.size()) continue;
      Clause c;
      Alternative typed;
      for (const auto& t : p) typed.terms.push_back({t, false});
      c.alts.push_back(std::move(typed));
      // The other phrases of every group holding it (« Pro Santé Connect »: « PSC » and the
      // strong authentication's).
      std::vector<std::vector<std::string>> others;
      for (const auto& group : groups)
        if (std::find(group.begin(), group.end(), p) != group.end())
          for (const auto& other : group)
            if (other != p && std::find(others.begin(), others.end(), other) == others.end())
              others.push_back(other);
      for (const auto& other : others) {
        Alternative a{{}, true};
        for (const auto& t : other) a.terms.push_back({t, false});
        c.alts.push_back(std::move(a));
      }
      const auto at = clauses.begin() + static_cast<std::ptrdiff_t>(i);
      clauses.erase(at, at + static_cast<std::ptrdiff_t>(p.size()));
      clauses.insert(clauses.begin() + static_cast<std::ptrdiff_t>(i), std::move(c));
    }
  }
}

// The hint of a question word typed (vocabulary.yaml, `question_hints`): the kinds and the
// stemmed words that answer it.
struct Hint {
  std::set<std::string> kinds, words;
};
std::optional<Hint> hint_of(std::string_view query, const Vocabulary& vocab) {
  std::optional<Hint> out;
  for (const auto& w : split_words(query))
    for (const auto& h : vocab.question_hints)
      if (!w.compound && w.folded == h.question) {
        if (!out) out.emplace();
        out->kinds.insert(h.kinds.begin(), h.kinds.end());
        for (const auto& x : h.words)
          for (auto& t : document_terms(x, vocab.stopwords)) out->words.insert(std::move(t));
      }
  return out;
}

// The weights of the ranking (the same on both databases, computed here from the stored
// terms): each query word the entry holds counts kPerWord, each pair of words typed next to
// each other that the entry holds next to each other kPhrase more (« hors ligne » as a phrase
// before « ligne » alone and another word); below kPerWord, the rest of the score orders
// entries holding as many: the answer to the question word typed (kHint), the entry's own
// identifier, the title, the keywords, the body (saturated, normalised by its length). A
// synonym's phrase held counts the words typed, plus its field's weight, minus kSynonym (more
// than a field weighs): the entry saying the words typed comes first.
inline constexpr double kPerWord = 100, kPhrase = 150, kHint = 50, kOwnId = 8, kIdPrefix = 7,
                        kTitle = 3, kKeyword = 2, kSynonym = 6;
double score(const std::vector<Clause>& clauses, const std::optional<Hint>& hint,
             const std::string& kind, const Fields& f, const std::string& code) {
  double s = 0;
  // The entry's own identifier typed ("D2.01.C" for D2.O1.C), or its beginning ("D2.O1").
  std::string id;
  for (char c : fold(code))
    if (std::isalnum(static_cast<unsigned char>(c))) id += c;
  double own = 0;
  for (const auto& c : clauses)
    for (const auto& t : c.alts.front().terms)
      if (t.text == id)
        own = std::max(own, kOwnId);
      else if (t.prefix && t.matches(id))
        own = std::max(own, kIdPrefix);
  s += own;
  const double len_norm = 0.25 + 0.75 * static_cast<double>(f.body.size()) / 60.0;
  auto word = [&](const Term& t) {
    const bool in_title = holds(f.title, t), in_keywords = holds(f.keywords, t);
    double tf = static_cast<double>(std::count_if(
        f.body.begin(), f.body.end(), [&](const std::string& b) { return t.matches(b); }));
    double w = 0;
    if (in_title || in_keywords || tf > 0) w += kPerWord;
    if (in_title) w += kTitle;
    if (in_keywords) w += kKeyword;
    return w + tf / (tf + 1.2 * len_norm);
  };
  for (const auto& c : clauses) {
    double best = 0;
    for (const auto& a : c.alts) {
      double x = 0;
      if (a.phrase) {
        // Below the words typed held anywhere; among synonyms, by the field holding it.
        if (in_row(f.title, a.terms))
          x = kTitle;
        else if (in_row(f.keywords, a.terms))
          x = kKeyword;
        else if (in_row(f.body, a.terms))
          x = 0;
        else
          continue;
        x += kPerWord * static_cast<double>(c.alts.front().terms.size()) - kSynonym;
      } else {
        for (const auto& t : a.terms) x += word(t);
      }
      best = std::max(best, x);
    }
    s += best;
  }
  // The words typed next to each other (a clause with « OU » breaks the row), held next to
  // each other in one field.
  auto adjacent = [](const std::vector<std::string>& seq, const Term& a, const Term& b) {
    for (std::size_t i = 0; i + 1 < seq.size(); ++i)
      if (a.matches(seq[i]) && b.matches(seq[i + 1])) return true;
    return false;
  };
  const Term* prev = nullptr;
  for (const auto& c : clauses) {
    if (c.either) {
      prev = nullptr;
      continue;
    }
    for (const auto& t : c.alts.front().terms) {
      if (prev && (adjacent(f.title, *prev, t) || adjacent(f.keywords, *prev, t) ||
                   adjacent(f.body, *prev, t)))
        s += kPhrase;
      prev = &t;
    }
  }
  // The answer to the question word typed: an entry of the kinds that answer it, or holding
  // one of its words within three words of a query word.
  if (hint) {
    bool answers = hint->kinds.count(kind) > 0;
    auto near = [&](const std::vector<std::string>& seq) {
      for (std::size_t i = 0; i < seq.size(); ++i) {
        if (!hint->words.count(seq[i])) continue;
        const std::size_t from = i > 3 ? i - 3 : 0, to = std::min(seq.size(), i + 4);
        for (std::size_t j = from; j < to; ++j)
          for (const auto& c : clauses)
            for (const auto& a : c.alts)
              for (const auto& t : a.terms)
                if (j != i && t.matches(seq[j])) return true;
      }
      return false;
    };
    answers = answers || near(f.title) || near(f.keywords) || near(f.body);
    if (answers) s += kHint;
  }
  return s;
}

// About 40 words of the summary, the query words marked: the window holding the most
// distinct query words (then the most matches, then the earliest), centred on its matches
// and never ending right after a matched word when the text goes on.
std::vector<Segment> excerpt(const std::string& text, const std::vector<Term>& terms,
                             const std::set<std::string>& stop) {
  auto words = split_words(text);
  std::vector<std::size_t> plain;  // indexes of the non-compound words
  for (std::size_t i = 0; i < words.size(); ++i)
    if (!words[i].compound) plain.push_back(i);
  // The query term a word matches (its index in `terms`), or -1.
  auto term_of = [&](const Word& w) -> int {
    if (terms.empty() || stop.count(w.folded)) return -1;
    auto t = word_term(w);
    for (std::size_t k = 0; k < terms.size(); ++k)
      if (terms[k].matches(t)) return static_cast<int>(k);
    return -1;
  };
  std::vector<int> hit(words.size(), -1);
  for (std::size_t i = 0; i < words.size(); ++i) hit[i] = term_of(words[i]);
  // A compound's runs are marked with it.
  for (std::size_t i = 0; i < words.size(); ++i)
    if (words[i].compound && hit[i] >= 0)
      for (std::size_t j = 0; j < words.size(); ++j)
        if (!words[j].compound && words[j].begin >= words[i].begin && words[j].end <= words[i].end)
          hit[j] = hit[i];
  std::vector<Segment> out;
  if (plain.empty()) {
    out.push_back({text, false});
    return out;
  }
  const std::size_t window = 40, n = plain.size();
  std::size_t best = 0, best_distinct = 0, best_hits = 0;
  for (std::size_t s = 0; s < n; ++s) {
    std::set<int> distinct;
    std::size_t h = 0;
    for (std::size_t k = s; k < n && k < s + window; ++k)
      if (hit[plain[k]] >= 0) distinct.insert(hit[plain[k]]), ++h;
    if (distinct.size() > best_distinct || (distinct.size() == best_distinct && h > best_hits))
      best = s, best_distinct = distinct.size(), best_hits = h;
  }
  std::size_t first = best, last = std::min(n, best + window) - 1;
  if (best_hits > 0) {
    // Centre the window on its matches.
    std::size_t f = last, l = best;
    for (std::size_t k = best; k <= last; ++k)
      if (hit[plain[k]] >= 0) f = std::min(f, k), l = std::max(l, k);
    const std::size_t slack = window - (l - f + 1);
    first = f > slack / 2 ? f - slack / 2 : 0;
    if (first + window > n) first = n > window ? n - window : 0;
    first = std::min(first, f);
    last = std::min(n, first + window) - 1;
    // Some words after the last match when the text goes on.
    if (last < n - 1 && l + 3 > last) last = std::min(n - 1, l + 3);
  }
  // Start at the beginning of the text when the window is near it.
  if (first < 8) first = 0;
  std::size_t from = first == 0 ? 0 : words[plain[first]].begin;
  std::size_t to = last + 1 == n ? text.size() : words[plain[last]].end;
  std::size_t pos = from;
  std::string acc = first == 0 ? "" : "… ";
  for (std::size_t k = first; k <= last; ++k) {
    const auto& w = words[plain[k]];
    if (hit[plain[k]] < 0) continue;
    acc += text.substr(pos, w.begin - pos);
    if (!acc.empty()) out.push_back({acc, false});
    acc.clear();
    out.push_back({text.substr(w.begin, w.end - w.begin), true});
    pos = w.end;
  }
  acc += text.substr(pos, to - pos);
  if (to < text.size()) acc += " …";
  if (!acc.empty()) out.push_back({acc, false});
  return out;
}

// The stored index terms of an entry: `search_title` (title terms, kKeywordMark, keyword
// terms) and `search_body`. Synonyms are the query's (expand_synonyms): a changed group needs
// no reindexing.
std::pair<std::string, std::string> index_terms(const Entry& e, const Vocabulary& vocab) {
  const auto& stop = vocab.stopwords;
  auto title = document_terms(title_text(e), stop);
  auto keywords = document_terms(keyword_text(e), stop);
  auto body = document_terms(body_text(e), stop);
  return {join_terms(title) + " " + kKeywordMark + " " + join_terms(keywords), join_terms(body)};
}
// Reads `search_title` back: the title terms, then the keyword terms (none in a row stored
// before the keywords had their own weight: reindex_old_rows rewrites those at start-up).
void split_title(const std::string& stored, std::vector<std::string>& title,
                 std::vector<std::string>& keywords) {
  title.clear();
  keywords.clear();
  bool in_keywords = false;
  for (auto& w : split_terms(stored)) {
    if (w == kKeywordMark)
      in_keywords = true;
    else
      (in_keywords ? keywords : title).push_back(std::move(w));
  }
}

struct Candidate {
  long long row = 0;
  std::string code, kind, theme, region, audiences, title, sort_date;
  std::vector<std::string> title_terms, keyword_terms, body_terms;
  double score = 0;
};

// Binds each named text parameter `sql` uses (":name"), then prepares the statement: the
// kept statements of a search differ by the conditions their WHERE clause holds.
static void bind_used_and_prepare(
    soci::statement& st, const std::string& sql,
    std::initializer_list<std::pair<const char*, std::string*>> params) {
  for (auto [name, value] : params)
    if (sql.find(std::string(":") + name) != std::string::npos)
      st.exchange(soci::use(*value, name));
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
}

// A duplicate identifier: 409 knowledge.exists, naming the field (docs/api.md: a duplicate is
// 409 in every module).
UserError exists(const std::string& message) {
  return UserError(409, "knowledge.exists", message, {{"id", "knowledge.exists", message}});
}
// The one answer to an identifier taken, by an entry the caller sees or not (another region's
// offer reads as absent: the answer must not tell it exists), on the page, the API and the
// import alike.
inline constexpr const char* kIdUnavailable =
    "cet identifiant n'est pas disponible : choisissez-en un autre";

// The candidates of a search (one kept statement per shape of its WHERE clause: with or
// without the text, the obligation and the objective, bound only when the SQL names them).
struct CandidateRows : store::Prepared {
  long long id = 0;
  std::string code, kind, theme, region, audiences, title, sort_date, search_title, search_body;
  std::string match, obligation, objective, visible_region;
  soci::statement st;
  CandidateRows(soci::session& s, const std::string& sql) : st(s) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(code));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(theme));
    st.exchange(soci::into(region));
    st.exchange(soci::into(audiences));
    st.exchange(soci::into(title));
    st.exchange(soci::into(sort_date));
    st.exchange(soci::into(search_title));
    st.exchange(soci::into(search_body));
    bind_used_and_prepare(st, sql,
                          {{"m", &match},
                           {"ob", &obligation},
                           {"oj", &objective},
                           {"vr", &visible_region},
                           {"fk", &kind_filter},
                           {"ft", &theme_filter},
                           {"fr", &region_filter},
                           {"fa", &audience_filter}});
  }
  std::string kind_filter, theme_filter, region_filter, audience_filter;
};

// The entries a broad search matched, counted by kind, theme, region and audiences (the exact
// total and facets when the candidates were capped).
struct MatchGroups : store::Prepared {
  std::string kind, theme, region, audiences, match, obligation, objective, visible_region;
  long long count = 0;
  soci::statement st;
  MatchGroups(soci::session& s, const std::string& sql) : st(s) {
    st.exchange(soci::into(kind));
    st.exchange(soci::into(theme));
    st.exchange(soci::into(region));
    st.exchange(soci::into(audiences));
    st.exchange(soci::into(count));
    bind_used_and_prepare(
        st, sql, {{"m", &match}, {"ob", &obligation}, {"oj", &objective}, {"vr", &visible_region}});
  }
};

// The stored entries of a page of hits, kPayloadBatch per round trip (one kept statement;
// unused places hold -1, which no row has). A page of 20 was 20 round trips, a fifth of a
// search on PostgreSQL at saturation (bench/search, 2026-12-03).
inline constexpr std::size_t kPayloadBatch = 20;
struct PayloadsByIds : store::Prepared {
  std::vector<long long> ids = std::vector<long long>(kPayloadBatch, -1);
  long long id = 0;
  std::string payload;
  soci::statement st;
  PayloadsByIds(soci::session& s, const std::string& sql) : st(s) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(payload));
    for (std::size_t i = 0; i < kPayloadBatch; ++i)
      st.exchange(soci::use(ids[i], "i" + std::to_string(i)));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
  }
};
inline const std::string& payloads_by_ids_sql() {
  static const std::string sql = [] {
    std::string in;
    for (std::size_t i = 0; i < kPayloadBatch; ++i) in += (i ? ", :i" : ":i") + std::to_string(i);
    return "SELECT id, payload FROM knowledge_entries WHERE id IN (" + in + ")";
  }();
  return sql;
}

}  // namespace repository_detail

namespace rd = repository_detail;

Repository::Repository(store::Database& db, const Vocabulary& vocab, KnownCodes known)
    : db_(db), vocab_(vocab), known_(std::move(known)) {
  query_stop_ = vocab_.stopwords;
  query_stop_.insert(vocab_.question_words.begin(), vocab_.question_words.end());
  // Each known objective ("D2.O1.C") and its beginnings ("D2.O1", "D2"), joined and folded,
  // also with a zero for the letter O ("d201c"), as the funding calls normalise them.
  for (const auto& id : known_.objectives) {
    std::vector<std::string> parts{""};  // the spellings of the beginning read so far
    std::string canonical;
    std::size_t from = 0;
    while (from <= id.size()) {
      auto dot = id.find('.', from);
      std::string seg =
          fold(id.substr(from, dot == std::string::npos ? std::string::npos : dot - from));
      canonical += seg;
      std::vector<std::string> next;
      for (const auto& p : parts) {
        next.push_back(p + seg);
        if (seg.size() > 1 && seg[0] == 'o' && std::isdigit(static_cast<unsigned char>(seg[1])))
          next.push_back(p + "0" + seg.substr(1));
      }
      parts = std::move(next);
      if (std::any_of(canonical.begin(), canonical.end(),
                      [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        for (const auto& p : parts) id_keys_.emplace(p, canonical);
      if (dot == std::string::npos) break;
      from = dot + 1;
    }
  }
}

bool Repository::visible(const Entry& e, const std::optional<std::string>& visible_region) {
  return !visible_region || e.region.empty() || e.region == *visible_region;
}

nlohmann::json entry_json(const Entry& e) {
  nlohmann::json j{
      {"id", e.id},
      {"kind", e.kind},
      {"title", e.title},
      {"summary", e.summary},
      {"theme", e.theme},
      {"audiences", e.audiences},
      {"obligations", e.obligations},
      {"objectives", e.objectives},
      {"keywords", e.keywords},
      {"region", e.region.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.region)}};
  auto opt = [&](const char* k, const std::string& v) {
    if (!v.empty()) j[k] = v;
  };
  opt("ref", e.ref);
  opt("doc_kind", e.doc_kind);
  opt("version", e.version);
  if (e.date) j["date"] = format_date(*e.date);
  if (e.end) j["end"] = format_date(*e.end);
  if (!e.paliers.empty()) j["paliers"] = e.paliers;
  opt("provider", e.provider);
  opt("offer_kind", e.offer_kind);
  opt("cost", e.cost);
  opt("contact", e.contact);
  opt("link", e.link);
  opt("note", e.note);
  opt("source", e.source);
  return j;
}

Entry entry_from_json(const nlohmann::json& j) {
  auto str = [&](const char* k) {
    auto it = j.find(k);
    if (it == j.end() || it->is_null()) return std::string();
    if (!it->is_string())
      throw UserError::invalid(
          {{k, "knowledge.invalid", std::string(k) + " : un texte est attendu."}});
    return it->get<std::string>();
  };
  auto list = [&](const char* k) {
    std::vector<std::string> out;
    auto it = j.find(k);
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_array())
      throw UserError::invalid(
          {{k, "knowledge.invalid", std::string(k) + " : une liste est attendue."}});
    for (const auto& x : *it) {
      if (!x.is_string())
        throw UserError::invalid(
            {{k, "knowledge.invalid", std::string(k) + " : des textes sont attendus."}});
      out.push_back(x.get<std::string>());
    }
    return out;
  };
  auto date = [&](const char* k) -> std::optional<Date> {
    auto s = str(k);
    if (s.empty()) return std::nullopt;
    auto d = parse_date(s);
    if (!d)
      throw UserError::invalid(
          {{k, "knowledge.invalid_date", std::string(k) + " : une date AAAA-MM-JJ est attendue."}});
    return d;
  };
  Entry e;
  e.id = str("id");
  e.kind = str("kind");
  e.title = str("title");
  e.summary = str("summary");
  e.theme = str("theme");
  e.audiences = list("audiences");
  e.obligations = list("obligations");
  e.objectives = list("objectives");
  e.keywords = list("keywords");
  e.region = str("region");
  e.ref = str("ref");
  e.doc_kind = str("doc_kind");
  e.version = str("version");
  e.date = date("date");
  e.end = date("end");
  e.paliers = list("paliers");
  e.provider = str("provider");
  e.offer_kind = str("offer_kind");
  e.cost = str("cost");
  e.contact = str("contact");
  e.link = str("link");
  e.note = str("note");
  e.source = str("source");
  return e;
}

namespace repository_detail {

// Reads a payload of the shape entry_json writes straight into an Entry, without building the
// JSON document (its parse was a tenth of an uncached search page, bench/search): an object
// whose known keys hold a text or null, or a list of texts or null; other keys are ignored
// when they hold a plain value. Anything else stops the reading (false): the payload is then
// read by entry_from_json, which gives the same result or the same error.
class EntryReader final : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit EntryReader(Entry& e) : e_(e) {}
  std::string date, end;  // as stored, read by parse_date at the end
  bool complete() const { return done_; }

  bool null() override {
    if (depth_ != 1 || in_list_) return false;
    if (text_) text_->clear();
    if (list_) list_->clear();
    return true;
  }
  bool boolean(bool) override { return plain_of_unknown_key(); }
  bool number_integer(number_integer_t) override { return plain_of_unknown_key(); }
  bool number_unsigned(number_unsigned_t) override { return plain_of_unknown_key(); }
  bool number_float(number_float_t, const string_t&) override { return plain_of_unknown_key(); }
  bool binary(binary_t&) override { return false; }
  bool string(string_t& v) override {
    if (in_list_) {
      list_->push_back(std::move(v));
      return true;
    }
    if (depth_ != 1 || list_) return false;
    if (text_) *text_ = std::move(v);
    return true;
  }
  bool start_object(std::size_t) override {
    if (depth_ != 0 || done_) return false;
    depth_ = 1;
    return true;
  }
  bool key(string_t& k) override {
    text_ = nullptr;
    list_ = nullptr;
    if (k == "date") {
      text_ = &date;
    } else if (k == "end") {
      text_ = &end;
    } else {
      for (const auto& [name, member] : kTexts)
        if (k == name) text_ = &(e_.*member);
      for (const auto& [name, member] : kLists)
        if (k == name) list_ = &(e_.*member);
    }
    return true;
  }
  bool end_object() override {
    depth_ = 0;
    done_ = true;
    return true;
  }
  bool start_array(std::size_t) override {
    if (depth_ != 1 || in_list_ || !list_) return false;
    list_->clear();
    in_list_ = true;
    return true;
  }
  bool end_array() override {
    in_list_ = false;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  bool plain_of_unknown_key() const { return depth_ == 1 && !in_list_ && !text_ && !list_; }
  static constexpr std::pair<const char*, std::string Entry::*> kTexts[] = {
      {"id", &Entry::id},
      {"kind", &Entry::kind},
      {"title", &Entry::title},
      {"summary", &Entry::summary},
      {"theme", &Entry::theme},
      {"region", &Entry::region},
      {"ref", &Entry::ref},
      {"doc_kind", &Entry::doc_kind},
      {"version", &Entry::version},
      {"provider", &Entry::provider},
      {"offer_kind", &Entry::offer_kind},
      {"cost", &Entry::cost},
      {"contact", &Entry::contact},
      {"link", &Entry::link},
      {"note", &Entry::note},
      {"source", &Entry::source}};
  static constexpr std::pair<const char*, std::vector<std::string> Entry::*> kLists[] = {
      {"audiences", &Entry::audiences},
      {"obligations", &Entry::obligations},
      {"objectives", &Entry::objectives},
      {"keywords", &Entry::keywords},
      {"paliers", &Entry::paliers}};
  Entry& e_;
  int depth_ = 0;
  bool in_list_ = false, done_ = false;
  std::string* text_ = nullptr;
  std::vector<std::string>* list_ = nullptr;
};

}  // namespace repository_detail

Entry entry_from_payload(const std::string& payload) {
  Entry e;
  rd::EntryReader reader(e);
  if (nlohmann::json::sax_parse(payload, &reader) && reader.complete()) {
    bool dates_read = true;
    if (!reader.date.empty()) dates_read = (e.date = parse_date(reader.date)).has_value();
    if (!reader.end.empty()) dates_read = dates_read && (e.end = parse_date(reader.end));
    if (dates_read) return e;
  }
  return entry_from_json(nlohmann::json::parse(payload));
}

void Repository::write_row(soci::session& s, const Entry& e, std::optional<long long> row_id,
                           const std::string& origin, const Actor& actor) {
  const bool pg = db_.backend() == store::Backend::postgresql;
  std::string code = e.id, kind = e.kind, theme = e.theme, region = e.region,
              aud = rd::join_codes(e.audiences), obl = rd::join_codes(e.obligations),
              obj = rd::join_codes(e.objectives), title = e.title, payload = entry_json(e).dump(),
              st, sb, now = store::now_utc_iso(), by = actor.user, org = origin;
  std::tie(st, sb) = rd::index_terms(e, vocab_);
  std::string sort_date = e.date ? format_date(*e.date) : std::string();
  soci::indicator sd_ind = e.date ? soci::i_ok : soci::i_null;
  long long id = 0;
  if (row_id) {
    id = *row_id;
    s << "UPDATE knowledge_entries SET kind = :k, theme = :t, region = :r, audiences = :a, "
         "obligations = :o, objectives = :oj, title = :ti, sort_date = :sd, payload = :p, "
         "search_title = :st, "
         "search_body = :sb, origin = :org, updated_at = :ua, updated_by = :ub WHERE id = :id",
        soci::use(kind), soci::use(theme), soci::use(region), soci::use(aud), soci::use(obl),
        soci::use(obj), soci::use(title), soci::use(sort_date, sd_ind), soci::use(payload),
        soci::use(st), soci::use(sb), soci::use(org), soci::use(now), soci::use(by), soci::use(id);
    if (!pg) s << "DELETE FROM knowledge_fts WHERE rowid = :id", soci::use(id);
  } else {
    id = store::insert_returning(
        s,
        "INSERT INTO knowledge_entries (code, kind, theme, region, audiences, obligations, "
        "objectives, title, sort_date, payload, search_title, search_body, origin, updated_at, "
        "updated_by) VALUES (:c, :k, :t, :r, :a, :o, :oj, :ti, :sd, :p, :st, :sb, :org, :ua, :ub)",
        [&](soci::statement& q) {
          q.exchange(soci::use(code));
          q.exchange(soci::use(kind));
          q.exchange(soci::use(theme));
          q.exchange(soci::use(region));
          q.exchange(soci::use(aud));
          q.exchange(soci::use(obl));
          q.exchange(soci::use(obj));
          q.exchange(soci::use(title));
          q.exchange(soci::use(sort_date, sd_ind));
          q.exchange(soci::use(payload));
          q.exchange(soci::use(st));
          q.exchange(soci::use(sb));
          q.exchange(soci::use(org));
          q.exchange(soci::use(now));
          q.exchange(soci::use(by));
        });
  }
  if (!pg)
    s << "INSERT INTO knowledge_fts (rowid, title, body) VALUES (:id, :t, :b)", soci::use(id),
        soci::use(st), soci::use(sb);
}

void Repository::reindex_old_rows() {
  // Every row whose stored terms are not those the current text functions give (a row stored
  // before the keywords had their own weight, or before the stems kept the accents' endings
  // "sauvegardées" -> "sauvegard") is rewritten: search and index always agree.
  auto s = db_.lease();
  struct Stale {
    long long id;
    std::string title, body;
  };
  std::vector<Stale> stale;
  {
    long long id = 0;
    std::string payload, stored_title, stored_body;
    soci::indicator ti = soci::i_ok, bi = soci::i_ok;
    soci::statement st =
        (s->prepare << "SELECT id, payload, search_title, search_body FROM knowledge_entries",
         soci::into(id), soci::into(payload), soci::into(stored_title, ti),
         soci::into(stored_body, bi));
    st.execute();
    while (st.fetch()) {
      auto [t, b] = rd::index_terms(entry_from_json(nlohmann::json::parse(payload)), vocab_);
      if (ti != soci::i_ok || bi != soci::i_ok || t != stored_title || b != stored_body)
        stale.push_back({id, std::move(t), std::move(b)});
    }
  }
  if (stale.empty()) return;
  const bool pg = db_.backend() == store::Backend::postgresql;
  store::Transaction tr(*s);
  for (auto& [id, st, sb] : stale) {
    *s << "UPDATE knowledge_entries SET search_title = :st, search_body = :sb WHERE id = :id",
        soci::use(st), soci::use(sb), soci::use(id);
    if (!pg) {
      *s << "DELETE FROM knowledge_fts WHERE rowid = :id", soci::use(id);
      *s << "INSERT INTO knowledge_fts (rowid, title, body) VALUES (:id, :t, :b)", soci::use(id),
          soci::use(st), soci::use(sb);
    }
  }
  tr.commit();
}

int Repository::seed(const std::vector<Entry>& entries, const Actor& actor) {
  retitle_objectives(actor);
  reindex_old_rows();
  auto s = db_.lease();
  auto known_codes = [&] {
    std::set<std::string> codes;
    soci::rowset<std::string> rs = (s->prepare << "SELECT code FROM knowledge_entries UNION "
                                                  "SELECT code FROM knowledge_deleted");
    for (const auto& c : rs) codes.insert(c);
    return codes;
  };
  bool missing = false;
  {
    auto codes = known_codes();
    for (const auto& e : entries) missing = missing || !codes.count(e.id);
  }
  if (!missing) return 0;
  store::Transaction tr(*s);
  auto codes = known_codes();
  int n = 0;
  for (const auto& e : entries)
    if (!codes.count(e.id)) {
      write_row(*s, e, std::nullopt, "data", actor);
      ++n;
    }
  tr.commit();
  return n;
}

std::optional<Entry> Repository::find(const std::string& id) {
  auto s = db_.lease();
  std::string payload;
  soci::indicator ind = soci::i_null;
  *s << "SELECT payload FROM knowledge_entries WHERE code = :c", soci::into(payload, ind),
      soci::use(id);
  if (!s->got_data() || ind != soci::i_ok) return std::nullopt;
  return entry_from_payload(payload);
}

std::vector<Entry> Repository::all() {
  auto s = db_.lease();
  std::vector<Entry> out;
  soci::rowset<std::string> rs =
      (s->prepare << "SELECT payload FROM knowledge_entries ORDER BY code");
  for (const auto& p : rs) out.push_back(entry_from_payload(p));
  std::stable_sort(out.begin(), out.end(), [&](const Entry& a, const Entry& b) {
    return rd::kind_rank(vocab_, a.kind) < rd::kind_rank(vocab_, b.kind);
  });
  return out;
}

SearchResult Repository::search(const SearchQuery& q) {
  SearchResult r;
  if (utf8_length(q.q) > kMaxQueryChars) {
    r.too_long = true;
    return r;
  }
  // The words of a question that name no subject are left out, unless nothing else is typed;
  // « OU » / « OR » between two words joins them in one clause (text.hpp).
  auto typed = query_clauses(q.q, query_stop_);
  if (typed.empty()) typed = query_clauses(q.q, vocab_.stopwords);
  if (typed.size() > kMaxQueryTerms) typed.resize(kMaxQueryTerms);
  // An identifier typed ("D2.O1", "d201c") is searched normalised, as the beginning of the
  // identifiers of the known objectives it starts.
  std::vector<rd::Clause> clauses;
  std::set<std::string> seen;
  for (const auto& c : typed) {
    rd::Clause x;
    x.either = c.size() > 1;
    for (const auto& t : c) {
      rd::Term term{t, false};
      if (auto it = id_keys_.find(t); it != id_keys_.end()) term = {it->second, true};
      if (!seen.insert(term.text).second) continue;
      x.alts.push_back({{term}, false});
      r.terms.push_back(term.text);
    }
    if (!x.alts.empty()) clauses.push_back(std::move(x));
  }
  rd::expand_synonyms(clauses, vocab_);
  const auto hint = rd::hint_of(q.q, vocab_);
  // Every term of the query, the synonyms' included (the excerpts mark them).
  std::vector<rd::Term> terms;
  for (const auto& c : clauses)
    for (const auto& a : c.alts) terms.insert(terms.end(), a.terms.begin(), a.terms.end());
  const bool pg = db_.backend() == store::Backend::postgresql;
  // What the query matches (text, obligation, objective); facets count it, filters narrow it.
  // The text: every clause (one of its alternatives); when no entry holds them all, any word
  // typed or phrase (SearchResult::any_word). Terms are letters and digits only (text.hpp):
  // quoted, they keep FTS5 syntax out, and they are plain lexemes of to_tsquery. A synonym's
  // phrase is an FTS5 phrase ("doubl authentif") and a PostgreSQL `<->` chain.
  auto term_sql = [&](const rd::Term& t) {
    return pg ? t.text + (t.prefix ? ":*" : "") : "\"" + t.text + "\"" + (t.prefix ? "*" : "");
  };
  auto alt_sql = [&](const rd::Alternative& a) {
    if (a.terms.size() == 1) return term_sql(a.terms.front());
    std::string m;
    if (a.phrase && !pg) {
      for (const auto& t : a.terms) m += (m.empty() ? "" : " ") + t.text;
      return "\"" + m + "\"";
    }
    for (const auto& t : a.terms)
      m += (m.empty() ? "" : a.phrase ? " <-> " : pg ? " & " : " AND ") + term_sql(t);
    return "(" + m + ")";
  };
  auto match_of = [&](bool any) {
    std::string m;
    auto add = [&](const std::string& x, bool either) {
      if (!m.empty()) m += either ? (pg ? " | " : " OR ") : (pg ? " & " : " AND ");
      m += x;
    };
    for (const auto& c : clauses) {
      if (any) {
        for (const auto& a : c.alts)
          if (a.phrase)
            add(alt_sql(a), true);
          else
            for (const auto& t : a.terms) add(term_sql(t), true);
        continue;
      }
      std::string one;
      for (const auto& a : c.alts) one += (one.empty() ? "" : pg ? " | " : " OR ") + alt_sql(a);
      add(c.alts.size() > 1 ? "(" + one + ")" : one, false);
    }
    return m;
  };
  std::string where;
  auto and_where = [&](const std::string& cond) {
    where += std::string(where.empty() ? " WHERE " : " AND ") + cond;
  };
  std::string match = match_of(false);
  if (!terms.empty())
    and_where(pg ? "e.search_vec @@ to_tsquery('french', :m)"
                 : "e.id IN (SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH :m)");
  if (!q.obligation.empty()) and_where("e.obligations LIKE :ob");
  const std::string obligation = "% " + q.obligation + " %";
  if (!q.objective.empty()) and_where("e.objectives LIKE :oj");
  const std::string objective = "% " + q.objective + " %";
  // Regional offers the reader may not see are not matched at all (nor counted).
  if (q.visible_region) and_where("(e.region = '' OR e.region = :vr)");
  const std::string visible_region = q.visible_region.value_or("");
  const std::string columns =
      "SELECT e.id, e.code, e.kind, e.theme, e.region, e.audiences, e.title, "
      "COALESCE(e.sort_date, ''), e.search_title, e.search_body FROM knowledge_entries e";
  const std::string limit = " ORDER BY e.id LIMIT " + std::to_string(kMaxCandidates);
  // Whether an entry passes the filters, all of them or all but one dimension's (`except`).
  auto passes = [&](const std::string& kind, const std::string& theme, const std::string& region,
                    const std::vector<std::string>& auds, std::string_view except = {}) {
    return (except == "kind" || q.kind.empty() || kind == q.kind) &&
           (except == "theme" || q.theme.empty() || theme == q.theme) &&
           (except == "audience" || q.audience.empty() ||
            std::find(auds.begin(), auds.end(), q.audience) != auds.end()) &&
           (except == "region" || q.region.empty() ||
            (region.empty() ? "national" : region) == q.region);
  };
  // Facets: each value counted over the matches that pass the other dimensions' filters, so
  // that a value's count is what choosing it gives (disjunctive facets).
  std::map<std::string, std::map<std::string, int>> counts;
  auto count = [&](const std::string& kind, const std::string& theme, const std::string& region,
                   const std::vector<std::string>& auds, int n) {
    if (passes(kind, theme, region, auds, "kind")) counts["kind"][kind] += n;
    if (passes(kind, theme, region, auds, "theme")) counts["theme"][theme] += n;
    if (passes(kind, theme, region, auds, "audience"))
      for (const auto& a : auds) counts["audience"][a] += n;
    if (passes(kind, theme, region, auds, "region"))
      counts["region"][region.empty() ? "national" : region] += n;
  };
  // One lease for the candidates and the page's payloads; the statements are kept on the
  // connection (parsing them again at every search was a fifth of its time).
  auto s = db_.lease();
  std::vector<rd::Candidate> cands;
  auto fetch = [&](const std::string& sql, bool filtered) {
    cands.clear();
    s.run<rd::CandidateRows>(sql, [&](rd::CandidateRows& rows) {
      rows.match = match;
      rows.obligation = obligation;
      rows.objective = objective;
      rows.visible_region = visible_region;
      if (filtered) {
        rows.kind_filter = q.kind;
        rows.theme_filter = q.theme;
        rows.region_filter = q.region == "national" ? "" : q.region;
        rows.audience_filter = "% " + q.audience + " %";
      }
      rows.st.execute(false);
      while (rows.st.fetch()) {
        rd::Candidate c;
        c.row = rows.id;
        c.code = rows.code;
        c.kind = rows.kind;
        c.theme = rows.theme;
        c.region = rows.region;
        c.audiences = rows.audiences;
        c.title = rows.title;
        c.sort_date = rows.sort_date;
        rd::split_title(rows.search_title, c.title_terms, c.keyword_terms);
        c.body_terms = rd::split_terms(rows.search_body);
        cands.push_back(std::move(c));
      }
    });
  };
  // The database's answer checked on the stored terms (a phrase held across two fields, which
  // PostgreSQL's single vector would take): both databases keep the same entries.
  auto keep_matches = [&](bool any) {
    if (clauses.empty()) return;
    std::erase_if(cands, [&](const rd::Candidate& c) {
      return !rd::matches({c.title_terms, c.keyword_terms, c.body_terms}, clauses, any);
    });
  };
  fetch(columns + where + limit, false);
  keep_matches(false);
  if (cands.empty() && (clauses.size() > 1 || terms.size() > 1)) {
    // No entry holds every word (« comment faire une sauvegarde hors ligne »): those holding
    // some, ranked by how many (rd::score).
    r.any_word = true;
    match = match_of(true);
    fetch(columns + where + limit, false);
    keep_matches(true);
  }
  const bool capped = cands.size() >= kMaxCandidates;
  if (!capped) {
    // Every match is here: facets over what the query matched, the filters then keep the hits.
    for (const auto& c : cands) {
      count(c.kind, c.theme, c.region, rd::split_terms(c.audiences), 1);
    }
  } else {
    // More matches than are ranked: the database counts them all (total and facets exact),
    // and the candidates ranked are the first ones that pass the filters.
    s.run<rd::MatchGroups>(
        "SELECT e.kind, e.theme, e.region, e.audiences, COUNT(*) FROM knowledge_entries e" + where +
            " GROUP BY e.kind, e.theme, e.region, e.audiences",
        [&](rd::MatchGroups& g) {
          g.match = match;
          g.obligation = obligation;
          g.objective = objective;
          g.visible_region = visible_region;
          g.st.execute(false);
          while (g.st.fetch()) {
            const int n = static_cast<int>(g.count);
            const auto auds = rd::split_terms(g.audiences);
            count(g.kind, g.theme, g.region, auds, n);
            if (passes(g.kind, g.theme, g.region, auds)) r.total += n;
          }
        });
    std::string filters;
    auto add = [&](const std::string& cond) {
      filters += std::string(where.empty() && filters.empty() ? " WHERE " : " AND ") + cond;
    };
    if (!q.kind.empty()) add("e.kind = :fk");
    if (!q.theme.empty()) add("e.theme = :ft");
    if (!q.region.empty()) add("e.region = :fr");
    if (!q.audience.empty()) add("e.audiences LIKE :fa");
    if (!filters.empty()) {
      fetch(columns + where + filters + limit, true);
      keep_matches(r.any_word);
    }
  }
  std::vector<rd::Candidate*> kept;
  for (auto& c : cands) {
    if (!passes(c.kind, c.theme, c.region, rd::split_terms(c.audiences))) continue;
    if (!terms.empty())
      c.score =
          rd::score(clauses, hint, c.kind, {c.title_terms, c.keyword_terms, c.body_terms}, c.code);
    kept.push_back(&c);
  }
  for (auto& [facet, m] : counts) {
    auto& v = r.facets[facet];
    for (auto& [code, n] : m) v.push_back({code, n});
    std::stable_sort(v.begin(), v.end(),
                     [](const Facet& a, const Facet& b) { return a.count > b.count; });
  }
  std::sort(kept.begin(), kept.end(), [&](const rd::Candidate* a, const rd::Candidate* b) {
    if (a->score != b->score) return a->score > b->score;
    int ka = rd::kind_rank(vocab_, a->kind), kb = rd::kind_rank(vocab_, b->kind);
    if (ka != kb) return ka < kb;
    // The programme's dates in the order of the calendar.
    if (a->kind == "date" && a->sort_date != b->sort_date) return a->sort_date < b->sort_date;
    if (a->title != b->title) return a->title < b->title;
    return a->code < b->code;
  });
  r.ranked = static_cast<int>(kept.size());
  if (!capped) r.total = r.ranked;
  const int per = std::clamp(q.per_page, 1, 100);
  // Past the last page, the last page (docs/api.md, the API's lists).
  r.page = std::clamp(q.page, 1, std::max(1, (r.ranked + per - 1) / per));
  const std::size_t from = static_cast<std::size_t>(r.page - 1) * static_cast<std::size_t>(per);
  const std::size_t to = std::min(kept.size(), from + static_cast<std::size_t>(per));
  std::map<long long, std::string> payloads;
  for (std::size_t b = from; b < to; b += rd::kPayloadBatch) {
    s.run<rd::PayloadsByIds>(rd::payloads_by_ids_sql(), [&](rd::PayloadsByIds& p) {
      for (std::size_t i = 0; i < rd::kPayloadBatch; ++i)
        p.ids[i] = b + i < to ? kept[b + i]->row : -1;
      p.st.execute(false);
      while (p.st.fetch()) payloads[p.id] = p.payload;
    });
  }
  for (std::size_t i = from; i < to; ++i) {
    auto it = payloads.find(kept[i]->row);
    if (it == payloads.end()) continue;  // deleted since the candidates were read
    Hit h;
    h.entry = entry_from_payload(it->second);
    h.score = kept[i]->score;
    h.excerpt = rd::excerpt(h.entry.summary, terms, vocab_.stopwords);
    r.hits.push_back(std::move(h));
  }
  return r;
}

bool Repository::may_edit(const Scope& scope, const Entry& e) {
  if (scope.level == Scope::Level::nation) return true;
  return scope.level == Scope::Level::region && e.kind == "offer" && !e.region.empty() &&
         e.region == scope.region_code;
}

Entry Repository::save(const Scope& scope, Entry e, bool create, const Actor& actor) {
  auto s = db_.lease();
  store::Transaction tr(*s);
  save_in(*s, scope, e, create ? Write::create : Write::replace, actor);
  tr.commit();
  return e;
}

// An entry as the audit trail names it: « l'offre régionale (Pays de la Loire) « … » » for a
// regional offer (issue 20 trial: the line of an ARS creation did not say which region), « … »
// for the others.
namespace repository_detail {
std::string audit_name(const Entry& e) {
  std::string out;
  if (e.kind == "offer" && !e.region.empty())
    out = "l'offre régionale (" + region_label(e.region) + ") ";
  return out + "« " + e.title + " »";
}
}  // namespace repository_detail

bool Repository::save_in(soci::session& s, const Scope& scope, Entry& e, Write mode,
                         const Actor& actor) {
  if (auto errs = entry_errors(e, vocab_, known_); !errs.empty()) {
    std::vector<FieldError> fields;
    for (const auto& [field, reason] : errs)
      fields.push_back({field, "knowledge.invalid_" + field, field + " : " + reason + "."});
    throw UserError::invalid(std::move(fields));
  }
  if (mode != Write::upsert && !may_edit(scope, e))
    throw UserError(403, "knowledge.forbidden",
                    "Vous ne pouvez modifier que les offres de votre région.");
  long long row = 0;
  std::string before;
  soci::indicator ind = soci::i_null;
  s << "SELECT id, payload FROM knowledge_entries WHERE code = :c", soci::into(row),
      soci::into(before, ind), soci::use(e.id);
  const bool exists = s.got_data();
  if (mode != Write::replace && !exists) {
    // An identifier that differs only by case from another would pass for it.
    long long same = 0;
    s << "SELECT COUNT(*) FROM knowledge_entries WHERE LOWER(code) = LOWER(:c)", soci::into(same),
        soci::use(e.id);
    if (same > 0) throw rd::exists(std::string("id : ") + rd::kIdUnavailable + ".");
  }
  if (mode == Write::create && exists)
    throw rd::exists(std::string("id : ") + rd::kIdUnavailable + ".");
  if (mode == Write::replace && !exists) throw UserError::not_found("Entrée introuvable.");
  const std::string after = entry_json(e).dump();
  const bool unchanged =
      exists && entry_json(entry_from_json(nlohmann::json::parse(before))).dump() == after;
  // An import of an export leaves what it does not change as it is, in the caller's scope or
  // not: a regional manager re-imports the whole export with their region's offers changed.
  if (mode == Write::upsert && unchanged) return false;
  if (!may_edit(scope, e) ||
      (exists && !may_edit(scope, entry_from_json(nlohmann::json::parse(before)))))
    throw UserError(403, "knowledge.forbidden",
                    "Vous ne pouvez modifier que les offres de votre région.");
  if (unchanged) return false;  // a replacement by the same entry
  write_row(s, e, exists ? std::optional<long long>(row) : std::nullopt, "edited", actor);
  if (!exists) s << "DELETE FROM knowledge_deleted WHERE code = :c", soci::use(e.id);
  std::string summary = std::string("Base de connaissances : ") +
                        (exists ? "modification de " : "ajout de ") + rd::audit_name(e);
  // What changed, field by field (the trail's digests keep the whole entry).
  if (exists)
    if (auto changes = describe_changes(
            shown_fields(entry_from_json(nlohmann::json::parse(before))), shown_fields(e));
        !changes.empty())
      summary += " — " + changes;
  store::append_audit(s, actor,
                      {exists ? "update" : "create", "knowledge_entry", e.id, std::nullopt,
                       e.region.empty() ? std::nullopt : std::optional<std::string>(e.region),
                       summary, exists ? before : "", after});
  return true;
}

ImportResult Repository::import_yaml(const Scope& scope, const std::string& file_name,
                                     const std::string& text, const Actor& actor) {
  std::vector<Entry> entries;
  std::map<std::string, std::string> where;  // id -> "FILE:LINE" of its entry
  try {
    entries = load_entries(file_name, text, vocab_, known_, &where);
  } catch (const DataError& e) {
    throw UserError(422, "knowledge.invalid_file", e.what(),
                    {{"file", "knowledge.invalid_file", std::string("file : ") + e.what()}});
  }
  ImportResult r;
  auto s = db_.lease();
  store::Transaction tr(*s);
  for (auto& e : entries) {
    bool existed = find_in(*s, e.id);
    // A regional offer of another region reads as absent to regional staff (not public).
    bool hidden = false;
    if (existed && scope.level != Scope::Level::nation) {
      std::string stored_region;
      *s << "SELECT region FROM knowledge_entries WHERE code = :c", soci::into(stored_region),
          soci::use(e.id);
      hidden = !stored_region.empty() && stored_region != scope.region_code;
    }
    try {
      if (hidden) throw rd::exists(std::string("id : ") + rd::kIdUnavailable + ".");
      if (save_in(*s, scope, e, Write::upsert, actor))
        ++(existed ? r.updated : r.created);
      else
        ++r.unchanged;
    } catch (const UserError& err) {
      // Nothing is stored (the transaction is rolled back); the message names the entry
      // where the file has it (FILE:LINE: reason).
      std::string reason;
      if (err.status() == 409)
        reason = "entrée « " + e.id + " » : " + rd::kIdUnavailable + ".";
      else if (err.status() == 403)
        reason = existed ? "l'entrée « " + e.id +
                               " » diffère de celle enregistrée ; vous ne pouvez modifier que "
                               "les offres de votre région."
                         : "l'entrée « " + e.id +
                               " » n'existe pas encore ; vous ne pouvez ajouter que des offres "
                               "de votre région.";
      else
        reason =
            "entrée « " + e.id + " » : " +
            (err.fields().empty() ? std::string(err.what()) : page_message(err.fields().front()));
      const std::string what = where[e.id] + ": " + reason;
      throw UserError(err.status(), err.code(), what, {{"file", err.code(), "file : " + what}});
    }
  }
  tr.commit();
  return r;
}

bool Repository::find_in(soci::session& s, const std::string& id) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM knowledge_entries WHERE code = :c", soci::into(n), soci::use(id);
  return n > 0;
}

void Repository::remove(const Scope& scope, const std::string& id, const Actor& actor) {
  auto s = db_.lease();
  store::Transaction tr(*s);
  long long row = 0;
  std::string before;
  *s << "SELECT id, payload FROM knowledge_entries WHERE code = :c", soci::into(row),
      soci::into(before), soci::use(id);
  if (!s->got_data()) throw UserError::not_found("Entrée introuvable.");
  auto e = entry_from_json(nlohmann::json::parse(before));
  if (!may_edit(scope, e))
    throw UserError(403, "knowledge.forbidden",
                    "Vous ne pouvez modifier que les offres de votre région.");
  *s << "DELETE FROM knowledge_entries WHERE id = :id", soci::use(row);
  // A shipped entry deleted stays deleted at the next start-up (seed).
  *s << "DELETE FROM knowledge_deleted WHERE code = :c", soci::use(id);
  *s << "INSERT INTO knowledge_deleted (code) VALUES (:c)", soci::use(id);
  if (db_.backend() == store::Backend::sqlite)
    *s << "DELETE FROM knowledge_fts WHERE rowid = :id", soci::use(row);
  store::append_audit(*s, actor,
                      {"delete", "knowledge_entry", id, std::nullopt,
                       e.region.empty() ? std::nullopt : std::optional<std::string>(e.region),
                       "Base de connaissances : suppression de " + rd::audit_name(e), before, ""});
  tr.commit();
}

}  // namespace carepilot::knowledge
