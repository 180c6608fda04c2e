#include "http/list.hpp"

#include <algorithm>
#include <optional>

#include "common/errors.hpp"
#include "common/text.hpp"
#include "http/json_body.hpp"

namespace carepilot::http {

using nlohmann::json;

int int_query(const Request& req, const std::string& key, int fallback, int lo, int hi) {
  std::string v = req.q(key);
  if (v.empty()) return fallback;
  try {
    std::size_t used = 0;
    long n = std::stol(v, &used);
    if (used != v.size() || n < lo || n > hi) throw std::out_of_range(key);
    return static_cast<int>(n);
  } catch (const std::exception&) {
    throw bad_parameter(
        key, "entier de " + std::to_string(lo) + " à " + std::to_string(hi) + " attendu");
  }
}

namespace {
std::optional<bool> yes_no(const std::string& v) {
  if (v == "1") return true;
  if (v == "0") return false;
  return std::nullopt;
}
}  // namespace

bool bool_query(const Request& req, const std::string& key, bool fallback) {
  const std::string v = req.q(key);
  if (v.empty()) return fallback;
  if (auto b = yes_no(v)) return *b;
  throw bad_parameter(key, "0 ou 1 attendu");
}

bool page_bool_query(const Request& req, const std::string& key, bool fallback) {
  return yes_no(req.q(key)).value_or(fallback);
}

void add_unknown_filter(std::string& notice, std::string_view label, std::string_view value) {
  // A hand-typed address may hold anything: the value is shown short (the page escapes it).
  std::string shown = utf8_prefix(value, 60);
  if (shown.size() < value.size()) shown += "…";
  if (!notice.empty()) notice += " ";
  notice += "Le filtre « " + std::string(label) + " » ne connaît pas la valeur « " + shown +
            " » : il n'est pas appliqué.";
}

std::string sort_query(const Request& req, const std::vector<std::string>& fields) {
  std::string sort = req.q("sort");
  if (sort.empty()) return sort;
  std::string field = sort.front() == '-' ? sort.substr(1) : sort;
  if (std::find(fields.begin(), fields.end(), field) != fields.end()) return sort;
  std::string allowed;
  for (const auto& f : fields) allowed += (allowed.empty() ? "" : ", ") + f;
  throw UserError(400, "request.bad_sort",
                  "Tri impossible sur « " + field + " » (" +
                      (allowed.empty() ? "cette liste ne se trie pas" : "champs : " + allowed) +
                      ").",
                  {{"sort", "request.bad_sort", "Champ de tri non autorisé."}});
}

json list_page(const Request& req, json items, const ListSpec& spec, json extra) {
  if (std::string sort = sort_query(req, spec.sort_fields); !sort.empty()) {
    const bool descending = sort.front() == '-';
    const std::string field = descending ? sort.substr(1) : sort;
    std::stable_sort(items.begin(), items.end(), [&](const json& a, const json& b) {
      const json& x = a.contains(field) ? a[field] : json();
      const json& y = b.contains(field) ? b[field] : json();
      return descending ? y < x : x < y;
    });
  }
  const int per_page = int_query(req, "per_page", spec.default_per_page, 1, spec.max_per_page);
  const long long total = static_cast<long long>(items.size());
  const long long page_count = std::max<long long>(1, (total + per_page - 1) / per_page);
  // As for the establishments (paged in the database): past the last page, the last page.
  const int page =
      static_cast<int>(std::min<long long>(int_query(req, "page", 1, 1, 1000000), page_count));
  json out = std::move(extra);
  json slice = json::array();
  const long long first = static_cast<long long>(page - 1) * per_page;
  for (long long i = first; i < total && i < first + per_page; ++i)
    slice.push_back(std::move(items[static_cast<std::size_t>(i)]));
  out["items"] = std::move(slice);
  out["total"] = total;
  out["page"] = page;
  out["per_page"] = per_page;
  out["page_count"] = page_count;
  return out;
}

ListQuery list_query(const Request& req, const ListSpec& spec) {
  ListQuery q;
  q.sort = sort_query(req, spec.sort_fields);
  q.per_page = int_query(req, "per_page", spec.default_per_page, 1, spec.max_per_page);
  q.page = int_query(req, "page", 1, 1, 1000000);
  return q;
}

Response paged_response(json items, long long total, int page, int per_page, json extra) {
  json out = std::move(extra);
  out["items"] = std::move(items);
  out["total"] = total;
  out["page"] = page;
  out["per_page"] = per_page;
  out["page_count"] = std::max<long long>(1, (total + per_page - 1) / per_page);
  return Response::json(dump(out));
}

UserError bad_parameter(const std::string& key, const std::string& what) {
  // The field's message says what is expected too (issue 17 trial: « Valeur invalide. » alone).
  return UserError(400, "request.bad_parameter", "Paramètre " + key + " invalide (" + what + ").",
                   {{key, "request.bad_parameter", "Valeur invalide : " + what + "."}});
}

Response list_response(const Request& req, json items, const ListSpec& spec, json extra) {
  return Response::json(dump(list_page(req, std::move(items), spec, std::move(extra))));
}

}  // namespace carepilot::http
