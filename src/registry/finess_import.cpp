#include "registry/finess_import.hpp"
#include "store/transaction.hpp"

#include <csv.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "common/finess.hpp"
#include "common/french.hpp"
#include "common/text.hpp"
#include "registry/validation.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"

namespace carepilot::registry {

namespace {

constexpr std::size_t kStructureEtFields = 32;
enum Field : std::size_t {
  kNoFinessEt = 1,
  kNoFinessEj = 2,
  kRs = 3,
  kRsLongue = 4,
  kCommune = 12,
  kDepartement = 13,
  kLigneAcheminement = 15,
  kCategEtab = 18,
  kLibCategEtab = 19,
  kCategAgrEtab = 20
};

// Splits one line into fields with libcsv (';' separator, '"' quoting as the published
// extract uses it for names holding quotes: "LIEU DE VIE ""LE BAOBAB""" -> LIEU DE VIE
// "LE BAOBAB"; a quote inside an unquoted field stays literal).
std::vector<std::string> split_line(std::string_view line) {
  struct csv_parser p;
  if (csv_init(&p, CSV_APPEND_NULL) != 0) throw std::runtime_error("libcsv: initialisation");
  csv_set_delim(&p, ';');
  csv_set_quote(&p, '"');
  std::vector<std::string> fields;
  auto on_field = [](void* s, std::size_t len, void* data) {
    static_cast<std::vector<std::string>*>(data)->emplace_back(static_cast<const char*>(s), len);
  };
  csv_parse(&p, line.data(), line.size(), on_field, nullptr, &fields);
  csv_fini(&p, on_field, nullptr, &fields);
  csv_free(&p);
  // libcsv drops a trailing empty field after a final separator; the layout keeps it.
  if (!line.empty() && line.back() == ';') fields.emplace_back();
  return fields;
}

// "75013 PARIS" -> "PARIS": the commune of a ligne d'acheminement without its postcode (five
// digits and a blank); a line without one is the commune ("BOURG EN BRESSE").
std::string without_postcode(std::string_view acheminement) {
  std::string l = trim(acheminement);
  if (l.size() > 6 && l[5] == ' ' &&
      std::all_of(l.begin(), l.begin() + 5, [](char c) { return c >= '0' && c <= '9'; }))
    return trim(std::string_view(l).substr(6));
  return l;
}

std::string city_from(const std::vector<std::string>& f) {
  // Falls back on the commune code.
  std::string l = without_postcode(f[kLigneAcheminement]);
  return l.empty() ? trim(f[kCommune]) : l;
}

// The names a file format gives to what an establishment holds, for error messages.
struct Vocabulary {
  std::map<std::string, std::string> fields;  // EstablishmentInput member -> the file's name
  std::string category;                       // the category's field
  std::string no_category;                    // the message when it is empty
  std::string name(const std::string& member) const {
    auto it = fields.find(member);
    return it == fields.end() ? member : it->second;
  }
};

const Vocabulary& csv_vocabulary() {
  static const Vocabulary v{{{"finess_et", "nofinesset"},
                             {"finess_ej", "nofinessej"},
                             {"name", "rs"},
                             {"department", "departement"},
                             {"city", "ligneacheminement"},
                             {"type", "categetab"}},
                            "categetab",
                            "Catégorie FINESS absente (champs categetab et categagretab vides)."};
  return v;
}

const Vocabulary& json_vocabulary() {
  static const Vocabulary v{{{"finess_et", "numFinessEge"},
                             {"finess_ej", "numFinessPm"},
                             {"name", "nomEgeLong"},
                             {"department", "cogCommune"},
                             {"city", "ligneAcheminement"},
                             {"type", "categorieentiteGeographiqueExercice"}},
                            "categorieentiteGeographiqueExercice",
                            "Catégorie FINESS absente (champ categorieentiteGeographiqueExercice "
                            "vide)."};
  return v;
}

// Where each accepted row came from, for the errors found later (scope, existing records).
struct Origins {
  std::vector<std::string> where;  // parallel to the rows; empty strings for CSV
};

// The rules both formats share: the perimeter (by category, then aggregate), the checks of
// validate_establishment, and one row per FINESS ET. Counts and records the outcome in `rep`.
void accept_row(ImportReport& rep, std::set<std::string>& seen,
                std::vector<std::pair<int, EstablishmentInput>>& rows, Origins& origins,
                const Catalog& catalog, const Vocabulary& vocab, int line, const std::string& where,
                EstablishmentInput in, const std::string& categ, const std::string& aggregate,
                const std::string& out_label) {
  auto cls = catalog.classify_finess(categ, aggregate);
  if (!cls.known) {
    rep.errors.push_back({line, vocab.category, vocab.no_category, where});
    return;
  }
  if (!cls.type) {
    ++rep.out_of_perimeter;
    ++rep.out_of_perimeter_by_category[categ + (out_label.empty() ? "" : " — " + out_label)];
    return;
  }
  in.type = *cls.type;
  auto errs = validate_establishment(in, catalog);
  for (const auto& e : errs) rep.errors.push_back({line, vocab.name(e.field), e.message, where});
  if (!errs.empty()) return;
  if (!seen.insert(in.finess_et).second) {
    rep.errors.push_back(
        {line, vocab.name("finess_et"),
         "Le numéro FINESS " + in.finess_et + " apparaît deux fois dans le fichier.", where});
    return;
  }
  ++rep.establishments;
  rows.emplace_back(line, std::move(in));
  origins.where.push_back(where);
}

bool starts_json(std::string_view b) {
  if (b.substr(0, 3) == "\xEF\xBB\xBF") b.remove_prefix(3);
  while (!b.empty() &&
         (b.front() == ' ' || b.front() == '\t' || b.front() == '\r' || b.front() == '\n'))
    b.remove_prefix(1);
  return !b.empty() && (b.front() == '{' || b.front() == '[');
}

bool ends_with_json(std::string_view name) {
  if (name.size() < 5) return false;
  std::string ext(name.substr(name.size() - 5));
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return ext == ".json";
}

ImportReport check_csv(std::string_view bytes, const Catalog& catalog,
                       std::vector<std::pair<int, EstablishmentInput>>& rows, Origins& origins);
ImportReport check_json(std::string_view bytes, const Catalog& catalog,
                        std::vector<std::pair<int, EstablishmentInput>>& rows, Origins& origins);

ImportReport check_any(std::string_view bytes, const Catalog& catalog,
                       std::vector<std::pair<int, EstablishmentInput>>& rows, Origins& origins,
                       std::string_view filename) {
  ImportReport rep = detect_finess_format(bytes, filename) == FinessFormat::json_structures
                         ? check_json(bytes, catalog, rows, origins)
                         : check_csv(bytes, catalog, rows, origins);
  if (!rep.errors.empty() && rep.error_code.empty()) rep.error_code = "finess.invalid_rows";
  return rep;
}

ImportReport check_csv(std::string_view bytes, const Catalog& catalog,
                       std::vector<std::pair<int, EstablishmentInput>>& rows, Origins& origins) {
  ImportReport rep;
  if (bytes.find('\0') != std::string_view::npos) {
    rep.errors.push_back(
        {0, "fichier",
         "Le fichier contient des octets nuls : ce n'est pas un extrait FINESS texte."});
    rep.error_code = "finess.not_text";
    return rep;
  }
  // The etalab extract is ISO-8859-15; a UTF-8 one is read as it is (every byte has a
  // meaning in ISO-8859-15, so the conversion never fails).
  std::string text = valid_utf8(bytes) ? std::string(bytes) : *to_utf8(bytes, "ISO-8859-15");
  std::set<std::string> seen;
  std::size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;
    rep.lines = line_no;
    auto f = split_line(line);
    if (f.empty()) continue;
    if (f[0] == "finess" || f[0] == "geolocalisation") {
      ++rep.skipped;
      continue;
    }
    if (f[0] != "structureet") {
      rep.errors.push_back({line_no, "type de ligne",
                            "Type de ligne inconnu « " + f[0].substr(0, 40) +
                                " » (attendu : structureet ou geolocalisation)."});
      continue;
    }
    if (f.size() < kStructureEtFields) {
      rep.errors.push_back({line_no, "ligne",
                            "Ligne incomplète : " + std::to_string(f.size()) +
                                " champs au lieu de " + std::to_string(kStructureEtFields) + "."});
      continue;
    }
    EstablishmentInput in;
    in.finess_et = f[kNoFinessEt];
    in.finess_ej = f[kNoFinessEj];
    in.name = trim(f[kRsLongue]).empty() ? f[kRs] : f[kRsLongue];
    in.department = f[kDepartement];
    in.city = city_from(f);
    accept_row(rep, seen, rows, origins, catalog, csv_vocabulary(), line_no, "", std::move(in),
               trim(f[kCategEtab]), trim(f[kCategAgrEtab]), trim(f[kLibCategEtab]));
  }
  if (rep.errors.empty() && rep.establishments == 0) {
    rep.errors.push_back({0, "fichier", "Aucune ligne « structureet » dans le fichier."});
    rep.error_code = "finess.empty";
  }
  return rep;
}

// The JSON Structures flux. Every check names the entity by its path in the document.
ImportReport check_json(std::string_view bytes, const Catalog& catalog,
                        std::vector<std::pair<int, EstablishmentInput>>& rows, Origins& origins) {
  using nlohmann::json;
  ImportReport rep;
  rep.format = FinessFormat::json_structures;
  auto refuse = [&rep](std::string code, std::string field, std::string reason) {
    rep.errors.push_back({0, std::move(field), std::move(reason), "fichier"});
    rep.error_code = std::move(code);
    return rep;
  };
  // The flux nests about 8 levels deep; a deeper document is not one (and is refused before
  // it costs memory). Only the members read below are kept in memory: contacts, events,
  // engagements, coordinates and the gco/gcc groupings are dropped while parsing, which keeps
  // a national file's tree small.
  // The flux is UTF-8 (RFC 8259): a file re-saved in Latin-1 is refused at the line of its
  // first bad byte rather than as « JSON invalide ».
  if (const auto fault = first_invalid_utf8(bytes)) {
    rep.errors.push_back({static_cast<int>(fault->line), "fichier", not_utf8_text(), ""});
    rep.error_code = "finess.malformed_json";
    return rep;
  }
  constexpr int kMaxDepth = 16;
  static const std::set<std::string, std::less<>> kRead{"pmej",
                                                        "informationsGeneralesPMEJ",
                                                        "numFinessPm",
                                                        "ege",
                                                        "informationsGeneralesEGE",
                                                        "numFinessEge",
                                                        "nomEgeLong",
                                                        "nomEgeCourt",
                                                        "categorieentiteGeographiqueExercice",
                                                        "adresse",
                                                        "cogCommune",
                                                        "ligneAcheminement",
                                                        "etatObjet"};
  json doc;
  try {
    doc = json::parse(bytes, [](int depth, json::parse_event_t event, json& parsed) {
      if (depth > kMaxDepth) throw std::length_error("depth");
      if (event == json::parse_event_t::key && parsed.is_string())
        return kRead.count(parsed.get_ref<const std::string&>()) > 0;
      return true;
    });
  } catch (const json::parse_error& e) {
    return refuse("finess.malformed_json", "document JSON",
                  "JSON invalide à l'octet " + std::to_string(e.byte) +
                      " : le fichier n'est pas un flux Structures FINESS lisible (UTF-8 "
                      "attendu).");
  } catch (const std::length_error&) {
    return refuse("finess.malformed_json", "document JSON",
                  "Le document JSON est imbriqué sur plus de " + std::to_string(kMaxDepth) +
                      " niveaux : ce n'est pas un flux Structures FINESS.");
  }
  if (!doc.is_object() || !doc.contains("pmej") || !doc["pmej"].is_array())
    return refuse("finess.not_structures_flux", "pmej",
                  "Le champ « pmej » (liste des entités juridiques) est absent ou n'est pas une "
                  "liste : ce fichier n'est pas un flux Structures FINESS (schéma "
                  "schema-structures-v1).");

  // A string member of an object, trimmed ("" when absent); a present non-string is an error.
  auto text = [&rep](const json& obj, const char* key, const std::string& where, bool& ok) {
    if (!obj.is_object() || !obj.contains(key) || obj[key].is_null()) return std::string();
    if (!obj[key].is_string()) {
      rep.errors.push_back(
          {0, key, std::string("Le champ « ") + key + " » doit être une chaîne.", where});
      ok = false;
      return std::string();
    }
    return trim(obj[key].get_ref<const std::string&>());
  };
  auto missing = [&rep](const char* key, const std::string& where, const std::string& what) {
    rep.errors.push_back(
        {0, key, std::string("Champ obligatoire « ") + key + " » absent (" + what + ").", where});
  };

  std::set<std::string> seen;
  int ordinal = 0;
  const auto& pmej = doc["pmej"];
  for (std::size_t i = 0; i < pmej.size(); ++i) {
    const std::string pw = "pmej[" + std::to_string(i) + "]";
    const json& ej = pmej[i];
    ++rep.legal_entities;
    if (!ej.is_object()) {
      rep.errors.push_back({0, "pmej", "Entité juridique : objet JSON attendu.", pw});
      continue;
    }
    bool ok = true;
    const json* info =
        ej.contains("informationsGeneralesPMEJ") ? &ej["informationsGeneralesPMEJ"] : nullptr;
    if (!info || !info->is_object()) {
      missing("informationsGeneralesPMEJ", pw, "entité juridique");
      continue;
    }
    std::string finess_ej = text(*info, "numFinessPm", pw, ok);
    if (ok && finess_ej.empty()) {
      missing("numFinessPm", pw, "numéro FINESS de l'entité juridique");
      ok = false;
    }
    if (!ej.contains("ege")) continue;  // a legal entity without any site
    if (!ej["ege"].is_array()) {
      rep.errors.push_back({0, "ege", "Le champ « ege » doit être une liste.", pw});
      continue;
    }
    const auto& eges = ej["ege"];
    for (std::size_t j = 0; j < eges.size(); ++j) {
      ++ordinal;
      rep.lines = ordinal;
      const std::string where = pw + ".ege[" + std::to_string(j) + "]";
      const json& eg = eges[j];
      if (!eg.is_object()) {
        rep.errors.push_back({0, "ege", "Entité géographique : objet JSON attendu.", where});
        continue;
      }
      bool row_ok = ok;
      const json* gi =
          eg.contains("informationsGeneralesEGE") ? &eg["informationsGeneralesEGE"] : nullptr;
      if (!gi || !gi->is_object()) {
        missing("informationsGeneralesEGE", where, "entité géographique");
        continue;
      }
      std::string state = text(eg, "etatObjet", where, row_ok);
      if (row_ok && state.empty()) {
        missing("etatObjet", where, "état de l'entité géographique");
        continue;
      }
      if (!row_ok) continue;
      if (state != "A") {  // closed (I) or any state but active
        ++rep.closed;
        continue;
      }
      EstablishmentInput in;
      in.finess_ej = finess_ej;
      in.finess_et = text(*gi, "numFinessEge", where, row_ok);
      std::string long_name = text(*gi, "nomEgeLong", where, row_ok);
      in.name = long_name.empty() ? text(*gi, "nomEgeCourt", where, row_ok) : long_name;
      std::string categ = text(eg, "categorieentiteGeographiqueExercice", where, row_ok);
      // The first address that names its commune: its code (COG) gives the département.
      std::string cog, city;
      if (eg.contains("adresse") && !eg["adresse"].is_array()) {
        rep.errors.push_back({0, "adresse", "Le champ « adresse » doit être une liste.", where});
        row_ok = false;
      } else if (eg.contains("adresse")) {
        for (const auto& a : eg["adresse"]) {
          cog = text(a, "cogCommune", where, row_ok);
          if (cog.empty()) continue;
          city = text(a, "ligneAcheminement", where, row_ok);
          break;
        }
      }
      if (!row_ok) continue;
      if (in.finess_et.empty()) {
        missing("numFinessEge", where, "numéro FINESS de l'entité géographique");
        continue;
      }
      if (in.name.empty()) {
        missing("nomEgeLong", where, "nom de l'entité géographique");
        continue;
      }
      if (cog.empty()) {
        missing("cogCommune", where, "code de la commune de l'adresse");
        continue;
      }
      // COG: "01053" -> 01, "2A004" -> 2A, "97101" -> 971 (stored as its FINESS code 9A).
      in.department =
          cog.rfind("97", 0) == 0 || cog.rfind("98", 0) == 0 ? cog.substr(0, 3) : cog.substr(0, 2);
      in.city = without_postcode(city);
      std::string aggregate =
          catalog.finess_category_typed(categ) ? std::string() : catalog.finess_aggregate_of(categ);
      std::string label =
          !categ.empty() && !catalog.finess_category_typed(categ) && aggregate.empty()
              ? "agrégat inconnu (à ajouter à data/catalog/establishments.yaml)"
              : "";
      const std::string named = where + " (" + in.finess_et + ")";  // before `in` is moved
      accept_row(rep, seen, rows, origins, catalog, json_vocabulary(), 0, named, std::move(in),
                 categ, aggregate, label);
    }
  }
  if (rep.errors.empty() && rep.establishments == 0) {
    rep.errors.push_back({0, "ege",
                          "Aucune entité géographique active dans le périmètre n'a été trouvée.",
                          "fichier"});
    rep.error_code = "finess.empty";
  }
  return rep;
}

}  // namespace

FinessFormat detect_finess_format(std::string_view bytes, std::string_view filename) {
  if (starts_json(bytes) || ends_with_json(filename)) return FinessFormat::json_structures;
  return FinessFormat::csv_extract;
}

ImportReport check_finess_extract(std::string_view bytes, const Catalog& catalog,
                                  std::vector<std::pair<int, EstablishmentInput>>& rows) {
  Origins origins;
  auto rep = check_csv(bytes, catalog, rows, origins);
  if (!rep.errors.empty() && rep.error_code.empty()) rep.error_code = "finess.invalid_rows";
  return rep;
}

ImportReport check_finess_structures_json(std::string_view bytes, const Catalog& catalog,
                                          std::vector<std::pair<int, EstablishmentInput>>& rows) {
  Origins origins;
  auto rep = check_json(bytes, catalog, rows, origins);
  if (!rep.errors.empty() && rep.error_code.empty()) rep.error_code = "finess.invalid_rows";
  return rep;
}

ImportReport check_finess_file(std::string_view bytes, const Catalog& catalog,
                               std::vector<std::pair<int, EstablishmentInput>>& rows,
                               std::string_view filename) {
  Origins origins;
  return check_any(bytes, catalog, rows, origins, filename);
}

ImportReport import_finess_extract(store::Database& db, const Catalog& catalog, const Scope& scope,
                                   std::string_view bytes, const Actor& actor,
                                   std::string_view filename,
                                   const EstablishmentsWritten& written) {
  std::vector<std::pair<int, EstablishmentInput>> rows;
  Origins origins;
  ImportReport rep = check_any(bytes, catalog, rows, origins, filename);
  const Vocabulary& vocab =
      rep.format == FinessFormat::json_structures ? json_vocabulary() : csv_vocabulary();
  const bool national = scope.level == Scope::Level::nation;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& [line, in] = rows[i];
    const auto* dep = catalog.department(in.department);
    bool ok = national ||
              (scope.level == Scope::Level::region && dep && dep->region_code == scope.region_code);
    if (!ok)
      rep.errors.push_back({line, vocab.name("department"),
                            "Établissement hors de votre périmètre.", origins.where[i]});
  }
  if (!rep.errors.empty()) {
    if (rep.error_code.empty()) rep.error_code = "finess.out_of_scope";
    return rep;
  }

  auto s = db.lease();
  store::Transaction tr(*s);
  // Existing establishments are looked up without the scope filter on purpose, then checked
  // against the caller's scope: a row may only update an establishment the caller already
  // holds. Moving an establishment to another region is a national act (issue 10).
  std::string finess_et, finess_ej, name, search, category, type, region, department, city;
  std::string cur_region, cur_name;
  std::string now = store::now_utc_iso();
  long long id = 0, cur_ght = 0;
  soci::indicator id_ind = soci::i_null, ght_ind = soci::i_null;
  soci::statement find =
      (s->prepare
           << "SELECT id, region_code, name, ght_id FROM establishments WHERE finess_et = :f",
       soci::into(id, id_ind), soci::into(cur_region), soci::into(cur_name),
       soci::into(cur_ght, ght_ind), soci::use(finess_et));
  struct Existing {
    long long id;
    std::string region, name;
    bool has_ght;
  };
  std::vector<std::optional<Existing>> existing;
  existing.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& [line, in] = rows[i];
    finess_et = in.finess_et;
    id_ind = soci::i_null;
    ght_ind = soci::i_null;
    find.execute(true);
    if (id_ind != soci::i_ok) {
      existing.emplace_back();
      continue;
    }
    if (!national && cur_region != scope.region_code) {
      rep.errors.push_back(
          {line, vocab.name("finess_et"),
           "Le numéro FINESS " + in.finess_et +
               " est celui d'un établissement rattaché à une autre région : seul le niveau "
               "national peut le modifier ou le transférer.",
           origins.where[i]});
    }
    existing.push_back(Existing{id, cur_region, cur_name, ght_ind == soci::i_ok});
  }
  if (!rep.errors.empty()) {  // the transaction rolls back: nothing was written
    rep.error_code = "finess.out_of_scope";
    return rep;
  }

  soci::statement upd =
      (s->prepare << "UPDATE establishments SET finess_ej = :ej, name = :n, name_search = :ns, "
                     "category = :c, type = :t, region_code = :r, department = :d, city = :ci, "
                     "updated_at = :u WHERE id = :id",
       soci::use(finess_ej), soci::use(name), soci::use(search), soci::use(category),
       soci::use(type), soci::use(region), soci::use(department), soci::use(city), soci::use(now),
       soci::use(id));
  // A GHT belongs to one region: an establishment moved to another region leaves its GHT.
  soci::statement leave_ght =
      (s->prepare << "UPDATE establishments SET ght_id = NULL WHERE id = :id", soci::use(id));
  soci::statement ins =
      (s->prepare << "INSERT INTO establishments(finess_et, finess_ej, name, name_search, "
                     "category, type, region_code, department, city, created_at, updated_at) "
                     "VALUES (:f, :ej, :n, :ns, :c, :t, :r, :d, :ci, :cr, :u)",
       soci::use(finess_et), soci::use(finess_ej), soci::use(name), soci::use(search),
       soci::use(category), soci::use(type), soci::use(region), soci::use(department),
       soci::use(city), soci::use(now), soci::use(now));
  int moved = 0;
  std::vector<std::int64_t> written_ids;
  std::vector<std::string> inserted;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& in = rows[i].second;
    finess_et = in.finess_et;
    finess_ej = in.finess_ej;
    name = in.name;
    search = fold_for_search(in.name);
    type = in.type;
    category = catalog.type(in.type)->category;
    department = in.department;
    region = catalog.department(in.department)->region_code;
    city = in.city;
    if (!existing[i]) {
      ins.execute(true);
      ++rep.inserted;
      if (written) inserted.push_back(in.finess_et);
      continue;
    }
    const Existing& cur = *existing[i];
    id = cur.id;
    upd.execute(true);
    if (written) written_ids.push_back(cur.id);
    ++rep.updated;
    if (cur.region != region) {
      ++moved;
      if (cur.has_ght) leave_ght.execute(true);
      const std::string summary = "Établissement " + in.finess_et + " (" + cur.name +
                                  ") transféré par l'import FINESS de la région " + cur.region +
                                  " vers la région " + region;
      // Recorded on both sides: the region it leaves and the region it joins.
      store::append_audit(
          *s, actor, {"move", "establishment", in.finess_et, cur.id, cur.region, summary, "", ""});
      store::append_audit(*s, actor,
                          {"move", "establishment", in.finess_et, cur.id, region, summary, "", ""});
    }
  }
  std::string summary =
      std::string(rep.format == FinessFormat::json_structures
                      ? "Import FINESS (flux Structures JSON) : "
                      : "Import FINESS : ") +
      plural(static_cast<std::int64_t>(rows.size()), "établissement", "établissements") + ", " +
      plural(rep.inserted, "créé", "créés") + ", " + french_integer(rep.updated) + " mis à jour";
  if (moved > 0) summary += ", " + plural(moved, "transféré", "transférés") + " de région";
  store::append_audit(*s, actor,
                      {"import", "establishment", "finess", std::nullopt,
                       national ? std::nullopt : std::optional<std::string>(scope.region_code),
                       summary, "", std::string(bytes)});
  if (written) {
    std::string f;
    long long new_id = 0;
    soci::statement find_id = (s->prepare << "SELECT id FROM establishments WHERE finess_et = :f",
                               soci::into(new_id), soci::use(f));
    for (const auto& x : inserted) {
      f = x;
      find_id.execute(true);
      written_ids.push_back(new_id);
    }
    written(*s, written_ids);
  }
  tr.commit();
  rep.applied = true;
  return rep;
}

}  // namespace carepilot::registry
