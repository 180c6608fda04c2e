// The ANSSI registrations of an establishment (issue 17): Club SSI and its SILENE service.
// A registration is not a second store: it is the `registration` evidence record (field
// `service`), carrying the date, the registered contact's role (contact_role, a code of
// data/registrations/contact_roles.yaml), the reference ANSSI gave (anssi_reference), and its
// supporting document (a PDF or an image) kept as a document of that record
// (evidence/documents.hpp). Declaring one stores the record and its document in one
// transaction; a wrong one is withdrawn through the evidence withdrawal (reason, second
// factor) and kept. Who is not registered comes from the stored compliance of the
// obligations that ask for a registration (compliance_status), with SQL over the caller's
// scope.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/scope.hpp"
#include "evidence/documents.hpp"
#include "evidence/repository.hpp"

namespace carepilot::evidence {

// data/registrations/contact_roles.yaml.
struct ContactRole {
  std::string code, label;
};
struct RegistrationData {
  std::vector<ContactRole> roles;
  std::string source;
  static const RegistrationData& builtin();
  // Throws std::invalid_argument naming the file and the reason.
  static RegistrationData parse(const std::string& yaml);
  const ContactRole* role(const std::string& code) const;
};

// A registration service: "club-ssi" | "silene" (the evidence schema's list) and the
// obligation that asks for it (found in the referential: the obligation whose subject is a
// `registration` record with that service).
struct RegistrationService {
  std::string code;
  std::string obligation;  // "" when no obligation asks for it
};
std::vector<RegistrationService> registration_services(const referential::Referential& ref);

// One current registration: the record and its latest supporting document.
struct Registration {
  Record record;
  std::string service, contact_role, anssi_reference;
  std::optional<Document> document;
};

struct RegistrationInput {
  std::string service, date, contact_role, anssi_reference;
  std::string file_name, bytes;
};

// One establishment missing a registration.
struct MissingRow {
  std::string finess_et, name, region_code;
  bool club_ssi = false, silene = false;  // true: that registration is missing
};
struct MissingQuery {
  ScopeFilter filter;
  std::string missing;  // "club-ssi" | "silene" | "" (either)
  std::string sort;     // "" (region, name), "finess" or "-finess"
  int page = 1;         // past the last page: the last page
  int per_page = 50;    // 1..200; 0: every row (exports)
};
struct MissingPage {
  std::vector<MissingRow> rows;
  std::int64_t total = 0;             // matches of the query, all pages
  int page = 1;                       // the page answered
  std::int64_t without_club_ssi = 0;  // in the scope and filter, whatever `missing`
  std::int64_t without_silene = 0;
  std::int64_t without_both = 0;
};

class Registrations {
 public:
  Registrations(Repository& repo, registry::Repository& registry)
      : repo_(repo), registry_(registry) {}

  // The current registration (the latest that counts) per service, in the order of
  // registration_services(); nullopt when none. 404 when the establishment is not visible.
  std::vector<std::pair<std::string, std::optional<Registration>>> current(
      const Scope& scope, const std::string& finess);

  // The latest withdrawn registration of each service that has no current one (the key is
  // the service code): the page shows it under « Pas encore inscrit » with when, by whom and
  // why it was withdrawn (issue 17 trial: a withdrawn registration vanished from the page;
  // proof is withdrawn with a reason and kept). 404 when the establishment is not visible.
  std::map<std::string, Record> withdrawn(const Scope& scope, const std::string& finess);

  // Declares a registration. Checks, in order: the establishment (404), the fields (422
  // naming each by its label: `service`, `date` required, a real date and not after
  // `today`, `contact_role` among the data's roles, `anssi_reference` required and at most
  // 200 characters, `document` required, PDF, PNG or JPEG), the size (413
  // `registration.document_too_large` over 5 Mio), then a current registration of that
  // service (409 `registration.already_registered`: withdraw it first). The record, its
  // document and their journal entries are written in one transaction: nothing half-way.
  Registration declare(const Scope& scope, const std::string& finess, const RegistrationInput& in,
                       const Date& today, const Actor& actor);

  // Establishments of the scope (narrowed by the filter) whose obligation for a service is
  // due or overdue in the stored compliance (an establishment for which no obligation
  // applies is not asked to register). Ordered by region, name, FINESS.
  MissingPage missing(const Scope& scope, const MissingQuery& q);

 private:
  Repository& repo_;
  registry::Repository& registry_;
};

}  // namespace carepilot::evidence
