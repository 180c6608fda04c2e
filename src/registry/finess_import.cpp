#include "registry/finess_import.hpp"

#include <csv.h>
#include <iconv.h>

#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "common/finess.hpp"
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

// ISO-8859-15 to UTF-8 through iconv.
std::string latin9_to_utf8(std::string_view in) {
  iconv_t cd = iconv_open("UTF-8", "ISO-8859-15");
  if (cd == reinterpret_cast<iconv_t>(-1))
    throw std::runtime_error("iconv ISO-8859-15 indisponible");
  std::string out(in.size() * 3 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1))
    throw std::runtime_error("conversion ISO-8859-15 impossible");
  out.resize(out.size() - dst_left);
  return out;
}

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

std::string city_from(const std::vector<std::string>& f) {
  // "75013 PARIS" -> "PARIS"; falls back on the commune code.
  std::string l = trim(f[kLigneAcheminement]);
  auto sp = l.find(' ');
  if (sp != std::string::npos && sp == 5) return trim(l.substr(sp + 1));
  return l.empty() ? trim(f[kCommune]) : l;
}

}  // namespace

ImportReport check_finess_extract(std::string_view bytes, const Catalog& catalog,
                                  std::vector<std::pair<int, EstablishmentInput>>& rows) {
  ImportReport rep;
  if (bytes.find('\0') != std::string_view::npos) {
    rep.errors.push_back(
        {0, "fichier",
         "Le fichier contient des octets nuls : ce n'est pas un extrait FINESS texte."});
    return rep;
  }
  std::string text = valid_utf8(bytes) ? std::string(bytes) : latin9_to_utf8(bytes);
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
    auto cls = catalog.classify_finess(trim(f[kCategEtab]), trim(f[kCategAgrEtab]));
    if (!cls.known) {
      rep.errors.push_back({line_no, "categetab",
                            "Catégorie FINESS absente (champs categetab et categagretab vides)."});
      continue;
    }
    if (!cls.type) {
      ++rep.out_of_perimeter;
      std::string label = trim(f[kLibCategEtab]);
      ++rep.out_of_perimeter_by_category[trim(f[kCategEtab]) +
                                         (label.empty() ? "" : " — " + label)];
      continue;
    }
    in.type = *cls.type;
    auto errs = validate_establishment(in, catalog);
    static const std::map<std::string, std::string> field_names{
        {"finess_et", "nofinesset"},   {"finess_ej", "nofinessej"},   {"name", "rs"},
        {"department", "departement"}, {"city", "ligneacheminement"}, {"type", "categetab"}};
    for (const auto& e : errs) {
      auto it = field_names.find(e.field);
      rep.errors.push_back({line_no, it == field_names.end() ? e.field : it->second, e.message});
    }
    if (!errs.empty()) continue;
    if (!seen.insert(in.finess_et).second) {
      rep.errors.push_back(
          {line_no, "nofinesset",
           "Le numéro FINESS " + in.finess_et + " apparaît deux fois dans le fichier."});
      continue;
    }
    ++rep.establishments;
    rows.emplace_back(line_no, std::move(in));
  }
  if (rep.errors.empty() && rep.establishments == 0)
    rep.errors.push_back({0, "fichier", "Aucune ligne « structureet » dans le fichier."});
  return rep;
}

ImportReport import_finess_extract(store::Database& db, const Catalog& catalog, const Scope& scope,
                                   std::string_view bytes, const Actor& actor) {
  std::vector<std::pair<int, EstablishmentInput>> rows;
  ImportReport rep = check_finess_extract(bytes, catalog, rows);
  const bool national = scope.level == Scope::Level::nation;
  for (const auto& [line, in] : rows) {
    const auto* dep = catalog.department(in.department);
    bool ok = national ||
              (scope.level == Scope::Level::region && dep && dep->region_code == scope.region_code);
    if (!ok) rep.errors.push_back({line, "departement", "Établissement hors de votre périmètre."});
  }
  if (!rep.errors.empty()) return rep;

  auto s = db.lease();
  soci::transaction tr(*s);
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
  for (const auto& [line, in] : rows) {
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
          {line, "nofinesset",
           "Le numéro FINESS " + in.finess_et +
               " est celui d'un établissement rattaché à une autre région : seul le niveau "
               "national peut le modifier ou le transférer."});
    }
    existing.push_back(Existing{id, cur_region, cur_name, ght_ind == soci::i_ok});
  }
  if (!rep.errors.empty()) return rep;  // the transaction rolls back: nothing was written

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
      continue;
    }
    const Existing& cur = *existing[i];
    id = cur.id;
    upd.execute(true);
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
  std::string summary = "Import FINESS : " + std::to_string(rows.size()) + " établissement(s), " +
                        std::to_string(rep.inserted) + " créé(s), " + std::to_string(rep.updated) +
                        " mis à jour";
  if (moved > 0) summary += ", " + std::to_string(moved) + " transféré(s) de région";
  store::append_audit(*s, actor,
                      {"import", "establishment", "finess", std::nullopt,
                       national ? std::nullopt : std::optional<std::string>(scope.region_code),
                       summary, "", std::string(bytes)});
  tr.commit();
  rep.applied = true;
  return rep;
}

}  // namespace carepilot::registry
