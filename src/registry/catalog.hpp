// Reference lists the registry validates against: regions and departments, establishment
// types (with their category), services (with their class) and FINESS category mappings.
// Loaded from data/catalog/*.yaml (embedded in the binary; a directory may override them).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "registry/model.hpp"

namespace carepilot::registry {

struct Department {
  std::string code;  // as coded in FINESS: 01..95, 2A, 2B, 9A..9J
  std::string name;
  std::string region_code;
  std::string number;  // the usual number shown to users (971 for 9A); the code otherwise
  // "971 — Guadeloupe", "49 — Maine-et-Loire".
  std::string label() const { return number + " — " + name; }
};

// How a FINESS line's categories place it: a type of ours, or outside the perimeter.
struct FinessClass {
  std::optional<std::string> type;  // nullopt: outside carepilot's perimeter
  bool known = false;               // false: neither categetab nor categagretab given
};

struct EstablishmentType {
  std::string code;
  std::string label;
  std::string category;
};

struct Service {
  std::string code;
  std::string label;
  std::string klass;  // critique | medico_technique | soins | administratif
};

class Catalog {
 public:
  // The catalog embedded in the binary. Throws std::runtime_error (file, line, reason).
  static const Catalog& builtin();
  // Parses the two YAML texts; `origin` names them in error messages.
  static Catalog parse(const std::string& regions_yaml, const std::string& establishments_yaml);

  const std::vector<Region>& regions() const { return regions_; }
  const std::vector<Department>& departments() const { return departments_; }
  const std::vector<EstablishmentType>& types() const { return types_; }
  const std::vector<Service>& services() const { return services_; }

  const Region* region(const std::string& code) const;
  const Department* department(const std::string& code) const;
  const EstablishmentType* type(const std::string& code) const;
  const Service* service(const std::string& code) const;
  // Our type for FINESS categetab / categagretab codes (nullopt when outside the perimeter).
  std::optional<std::string> type_for_finess(const std::string& categetab,
                                             const std::string& categagretab) const;
  // The same, telling apart "outside the perimeter" from "no category at all".
  FinessClass classify_finess(const std::string& categetab, const std::string& categagretab) const;
  // Department by its FINESS code or by its usual number ("9A" or "971").
  const Department* department_by_code_or_number(const std::string& code) const;
  // The FINESS aggregate of a category (finess_category_aggregates), "" when not listed.
  std::string finess_aggregate_of(const std::string& categetab) const;
  // Whether a category maps directly onto one of our types (finess_categories).
  bool finess_category_typed(const std::string& categetab) const {
    return finess_types_.count(categetab) > 0;
  }

 private:
  std::vector<Region> regions_;
  std::vector<Department> departments_;
  std::vector<EstablishmentType> types_;
  std::vector<Service> services_;
  std::map<std::string, std::string> finess_types_;
  std::map<std::string, std::string> finess_perimeter_;   // aggregate prefix -> type ("" = none)
  std::map<std::string, std::string> finess_aggregates_;  // categetab -> categagretab
};

}  // namespace carepilot::registry
