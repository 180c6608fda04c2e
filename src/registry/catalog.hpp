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
  std::string code;
  std::string name;
  std::string region_code;
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
  // Our type for FINESS categetab / categagretab codes (nullopt when neither is known).
  std::optional<std::string> type_for_finess(const std::string& categetab,
                                             const std::string& categagretab) const;

 private:
  std::vector<Region> regions_;
  std::vector<Department> departments_;
  std::vector<EstablishmentType> types_;
  std::vector<Service> services_;
  std::map<std::string, std::string> finess_types_;
};

}  // namespace carepilot::registry
