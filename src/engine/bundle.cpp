#include "engine/bundle.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/finess.hpp"

namespace carepilot::engine {

using nlohmann::json;
using referential::FieldKind;

BundleError::BundleError(std::string path, std::string reason)
    : std::runtime_error(path.empty() ? reason : path + ": " + reason),
      path_(std::move(path)),
      reason_(std::move(reason)) {}

namespace {

const json& need(const json& obj, const char* key, const std::string& path) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null())
    throw BundleError(path + "." + key, "champ obligatoire absent");
  return *it;
}

std::string need_text(const json& v, const std::string& path) {
  if (!v.is_string() || v.get_ref<const std::string&>().empty())
    throw BundleError(path, "texte non vide attendu");
  return v.get<std::string>();
}

Date need_date(const json& v, const std::string& path) {
  auto d = v.is_string() ? parse_date(v.get_ref<const std::string&>()) : std::nullopt;
  if (!d) throw BundleError(path, "date AAAA-MM-JJ attendue");
  return *d;
}

std::string list_words(std::span<const std::string_view> values) {
  std::string out;
  for (auto v : values) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

void parse_field(Evidence& e, int f, const referential::FieldSpec& spec, const json& v,
                 const std::string& path) {
  switch (spec.kind) {
    case FieldKind::date:
      e.set_date(f, need_date(v, path));
      return;
    case FieldKind::boolean:
      if (!v.is_boolean()) throw BundleError(path, "true ou false attendu");
      e.set_number(f, v.get<bool>() ? 1 : 0);
      return;
    case FieldKind::integer:
    case FieldKind::number: {
      if (!v.is_number()) throw BundleError(path, "nombre attendu");
      double n = v.get<double>();
      if (!std::isfinite(n)) throw BundleError(path, "nombre fini attendu");
      if (spec.kind == FieldKind::integer && n != std::floor(n))
        throw BundleError(path, "nombre entier attendu");
      if (spec.non_negative && n < 0) throw BundleError(path, "valeur négative refusée");
      e.set_number(f, n);
      return;
    }
    case FieldKind::text: {
      auto t = need_text(v, path);
      if (!spec.allowed.empty()) {
        t = referential::normalize_name(t);
        if (std::find(spec.allowed.begin(), spec.allowed.end(), t) == spec.allowed.end())
          throw BundleError(path, "valeur '" + v.get<std::string>() +
                                      "' inconnue (attendu : " + list_words(spec.allowed) + ")");
      }
      e.set_text(f, std::move(t));
      return;
    }
  }
}

std::string canonical_service(const referential::Referential& ref, std::string_view name) {
  const auto* s = ref.find_service(name);
  return s != nullptr ? s->id : referential::normalize_name(name);
}

int field(EvidenceType t, std::string_view name) {
  return referential::field_index(t, name);
}

// Checks between fields of one record.
void check_record(Evidence& e, const Establishment& est, const referential::Referential& ref,
                  const std::string& path) {
  using T = EvidenceType;
  auto over = [&](const char* part, const char* whole) {
    int p = field(e.type, part), w = field(e.type, whole);
    if (e.number(p) > e.number(w))
      throw BundleError(path + "." + part, std::string("dépasse ") + whole);
  };
  switch (e.type) {
    case T::bia: {
      int f = field(e.type, "service");
      auto s = canonical_service(ref, e.text_of(f));
      if (std::find(est.services.begin(), est.services.end(), s) == est.services.end())
        throw BundleError(path + ".service",
                          "service '" + e.text_of(f) + "' non exploité par l'établissement");
      e.set_text(f, s);
      break;
    }
    case T::training_coverage:
      over("trained", "staff");
      break;
    case T::mfa_coverage:
      over("covered", "accesses");
      break;
    case T::budget_declaration: {
      int year = field(e.type, "year");
      if (!e.has(year)) e.set_number(year, static_cast<int>(e.date.year()));
      int total = field(e.type, "total_eur"), dig = field(e.type, "digital_eur"),
          cyb = field(e.type, "cyber_eur");
      double spent = e.number(dig) + (e.has(cyb) ? e.number(cyb) : 0);
      if (spent > e.number(total))
        throw BundleError(path + ".digital_eur", "numérique + cybersécurité dépassent total_eur");
      break;
    }
    default:
      break;
  }
  int declared = field(e.type, "declared_on");
  if (declared >= 0 && e.has(declared) && e.date_of(declared) < e.date)
    throw BundleError(path + ".declared_on", "déclaration antérieure à la date de l'évènement");
}

}  // namespace

Evidence parse_evidence(const json& obj, const Establishment& est,
                        const referential::Referential& ref, const std::string& path) {
  if (!obj.is_object()) throw BundleError(path, "objet attendu");
  auto type_name = need_text(need(obj, "type", path), path + ".type");
  auto type = referential::evidence_type_from(type_name);
  if (!type) throw BundleError(path + ".type", "type de preuve inconnu '" + type_name + "'");
  Evidence e;
  e.type = *type;
  e.date = need_date(need(obj, "date", path), path + ".date");
  const auto& spec = referential::evidence_spec(*type);
  for (std::size_t i = 0; i < spec.fields.size(); ++i) {
    const auto& fs = spec.fields[i];
    auto it = obj.find(std::string(fs.name));
    int f = static_cast<int>(i);
    if (it == obj.end() || it->is_null()) {
      if (fs.required)
        throw BundleError(path + "." + std::string(fs.name), "champ obligatoire absent");
      if (!fs.default_text.empty()) e.set_text(f, std::string(fs.default_text));
      continue;
    }
    parse_field(e, f, fs, *it, path + "." + std::string(fs.name));
  }
  check_record(e, est, ref, path);
  return e;
}

Establishment parse_establishment(const json& obj, const referential::Referential& ref,
                                  const std::string& path) {
  if (!obj.is_object()) throw BundleError(path, "objet attendu");
  Establishment est;
  est.finess = need_text(need(obj, "finess", path), path + ".finess");
  if (auto reason = finess_reason(est.finess); !reason.empty())
    throw BundleError(path + ".finess", std::string(reason) + " — " +
                                            std::string(finess_reason_text(reason)) + " (" +
                                            est.finess + ")");
  if (auto it = obj.find("name"); it != obj.end() && !it->is_null())
    est.name = need_text(*it, path + ".name");
  auto category = need_text(need(obj, "category", path), path + ".category");
  est.category = referential::normalize_name(category);
  auto known = ref.categories();
  if (std::find(known.begin(), known.end(), est.category) == known.end()) {
    std::string words;
    for (const auto& c : known) words += (words.empty() ? "" : ", ") + c;
    throw BundleError(path + ".category",
                      "catégorie inconnue '" + category + "' (attendu : " + words + ")");
  }
  if (auto it = obj.find("services"); it != obj.end() && !it->is_null()) {
    if (!it->is_array()) throw BundleError(path + ".services", "liste attendue");
    for (std::size_t i = 0; i < it->size(); ++i) {
      auto s = canonical_service(
          ref, need_text((*it)[i], path + ".services[" + std::to_string(i) + "]"));
      if (std::find(est.services.begin(), est.services.end(), s) == est.services.end())
        est.services.push_back(std::move(s));
    }
  }
  return est;
}

Bundle parse_bundle(const json& doc, const referential::Referential& ref) {
  if (!doc.is_object()) throw BundleError("", "le lot doit être un objet JSON");
  const auto& list = need(doc, "establishments", "$");
  if (!list.is_array()) throw BundleError("establishments", "liste attendue");
  Bundle out;
  std::unordered_map<std::string, std::size_t> first_at;
  out.establishments.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto path = "establishments[" + std::to_string(i) + "]";
    BundleEntry entry;
    entry.establishment = parse_establishment(list[i], ref, path);
    auto [seen, fresh] = first_at.emplace(entry.establishment.finess, i);
    if (!fresh)
      throw BundleError(path + ".finess", "FINESS déjà présent en establishments[" +
                                              std::to_string(seen->second) + "]");
    if (auto it = list[i].find("evidence"); it != list[i].end() && !it->is_null()) {
      if (!it->is_array()) throw BundleError(path + ".evidence", "liste attendue");
      entry.evidence.reserve(it->size());
      for (std::size_t k = 0; k < it->size(); ++k)
        entry.evidence.push_back(parse_evidence((*it)[k], entry.establishment, ref,
                                                path + ".evidence[" + std::to_string(k) + "]"));
    }
    out.establishments.push_back(std::move(entry));
  }
  return out;
}

Bundle parse_bundle_text(std::string_view text, const referential::Referential& ref) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    throw BundleError("", std::string("JSON invalide : ") + e.what());
  }
  return parse_bundle(doc, ref);
}

}  // namespace carepilot::engine
