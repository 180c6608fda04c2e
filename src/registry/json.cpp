#include "registry/json.hpp"

#include "common/errors.hpp"

namespace carepilot::registry {

nlohmann::json to_json(const Establishment& e, const Catalog& catalog) {
  nlohmann::json j{{"id", e.id},
                   {"finess_et", e.finess_et},
                   {"finess_ej", e.finess_ej},
                   {"name", e.name},
                   {"category", e.category},
                   {"type", e.type},
                   {"region_code", e.region_code},
                   {"department", e.department},
                   {"city", e.city},
                   {"ght_id", e.ght_id ? nlohmann::json(*e.ght_id) : nlohmann::json(nullptr)},
                   {"services", e.services},
                   {"is_demo", e.is_demo},
                   {"created_at", e.created_at},
                   {"updated_at", e.updated_at}};
  if (const auto* t = catalog.type(e.type)) j["type_label"] = t->label;
  return j;
}

nlohmann::json to_json(const Region& r) {
  return {{"code", r.code}, {"name", r.name}};
}

nlohmann::json to_json(const Ght& g) {
  return {{"id", g.id},
          {"code", g.code},
          {"name", g.name},
          {"region_code", g.region_code},
          {"is_demo", g.is_demo}};
}

namespace {
void take_string(const nlohmann::json& b, const char* key, std::string& out,
                 std::vector<FieldError>& errs) {
  if (!b.contains(key)) return;
  if (!b[key].is_string()) {
    errs.push_back(
        {key, "validation.type", std::string("Le champ ") + key + " doit être une chaîne."});
    return;
  }
  out = b[key].get<std::string>();
}
}  // namespace

EstablishmentInput establishment_from_json(const nlohmann::json& b,
                                           const EstablishmentInput& base) {
  if (!b.is_object())
    throw UserError(400, "request.malformed_json", "Le corps doit être un objet JSON.");
  EstablishmentInput in = base;
  std::vector<FieldError> errs;
  take_string(b, "finess_et", in.finess_et, errs);
  take_string(b, "finess_ej", in.finess_ej, errs);
  take_string(b, "name", in.name, errs);
  take_string(b, "type", in.type, errs);
  take_string(b, "department", in.department, errs);
  take_string(b, "city", in.city, errs);
  if (b.contains("ght_id")) {
    if (b["ght_id"].is_null())
      in.ght_id.reset();
    else if (b["ght_id"].is_number_integer())
      in.ght_id = b["ght_id"].get<std::int64_t>();
    else
      errs.push_back({"ght_id", "validation.type", "ght_id doit être un entier ou null."});
  }
  if (b.contains("services")) {
    in.services.clear();
    if (!b["services"].is_array()) {
      errs.push_back({"services", "validation.type", "services doit être une liste de codes."});
    } else {
      for (const auto& s : b["services"]) {
        if (!s.is_string()) {
          errs.push_back({"services", "validation.type", "services doit être une liste de codes."});
          break;
        }
        in.services.push_back(s.get<std::string>());
      }
    }
  }
  if (!errs.empty()) throw UserError::invalid(std::move(errs));
  return in;
}

}  // namespace carepilot::registry
