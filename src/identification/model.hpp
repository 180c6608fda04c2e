// Electronic identification of professionals (MIE, instruction DNS/2025/12 action 6): the
// data read from data/identification/ (means, populations, access kinds, rules) and the
// inventory of an establishment (populations with headcounts, access points, and for each
// population × access point the means in use, the people it covers, the means planned and
// the homologation of the means in use).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"

namespace carepilot::identification {

// eIDAS assurance levels, ordered.
enum class Eidas { faible = 0, substantiel = 1, eleve = 2 };

struct Means {
  std::string id, label;
  Eidas eidas = Eidas::faible;
  bool ans_issued = false;
  bool two_factor = false;
};

// A coded choice with its French label (populations, access kinds, locations, decisions).
struct Choice {
  std::string id, label;
};

struct Decision {
  std::string id, label;
  bool counts = false;  // a decision that homologates the means (favourable, with reserves)
};

enum class Requirement { two_factor, approved_means };

// One rule: applies to the access points of `locations` from `from` to `until` (inclusive,
// absent = unbounded). `tolerated_until` names the day up to which the situation the rule
// forbids was tolerated (said in the reason while it is).
struct Rule {
  std::string id;
  Requirement requirement = Requirement::two_factor;
  std::vector<std::string> locations;  // "local", "remote"
  std::optional<Date> from, until, tolerated_until;
  Eidas min_eidas = Eidas::substantiel;  // approved_means
  std::string text, source;
};

// A yearly objective of the HospiConnect programme. `derived`: computed from the inventory
// (every person of `populations`, all when empty, on an approved two-factor means); otherwise
// declarative.
struct Objective {
  std::string id, label;
  int year = 0;
  bool derived = false;
  std::vector<std::string> populations;
};

// A key scheme of contactless DESFire badges (CaRE FAQ); `forbidden`: the single shared key.
struct KeyScheme {
  std::string id, label;
  bool forbidden = false;
};
struct Desfire {
  std::string source, forbidden_text, kms_text, processes_text;
  std::vector<KeyScheme> key_schemes;
};

// The whole of data/identification, validated.
struct Data {
  std::string source;
  std::vector<Choice> eidas_levels;  // index = Eidas
  std::vector<Means> means;
  std::vector<Choice> populations, access_kinds, locations;
  // The kinds of access point reached one way only by nature (remote_access → "remote": a
  // VPN is never local), from `location:` of access_kinds.
  std::map<std::string, std::string> access_kind_location;
  std::vector<Rule> rules;
  std::vector<Decision> decisions;
  std::string hospiconnect_source;
  std::vector<Objective> objectives;  // by year, as in the file
  Desfire desfire;

  const Means* find_means(const std::string& id) const;
  const Choice* find_population(const std::string& id) const;
  const Choice* find_access_kind(const std::string& id) const;
  const Choice* find_location(const std::string& id) const;
  const Objective* find_objective(const std::string& id) const;  // HospiConnect
  const Decision* find_decision(const std::string& id) const;
  std::string eidas_label(Eidas e) const;
};

// --- the inventory of one establishment ---------------------------------------------------

struct Population {
  std::int64_t id = 0;
  std::string kind;  // Data::populations id
  int headcount = 0;
};

struct AccessPoint {
  std::int64_t id = 0;
  std::string name;      // "Dossier patient informatisé"
  std::string kind;      // Data::access_kinds id
  std::string location;  // "local" | "remote"
};

struct Homologation {
  Date commission_date{};
  std::string decision;  // Data::decisions id
  std::string reserves;
  // The means the commission homologated (Data::means id): the homologation counts for that
  // means only (issue 16 trial: a commission on SMS codes was counted for the OTP application
  // planned next, and carried over when the means in use changed).
  std::string means;
};

// The means of a crossing whose population has no such access (« Aucun accès »): an explicit
// choice, distinct from a crossing left blank. Never a Data::means id.
inline constexpr const char* kNoAccess = "no_access";

// One population × access point.
struct Cell {
  std::int64_t population_id = 0, access_point_id = 0;
  std::string means;          // in use (Data::means id), or kNoAccess
  int covered = 0;            // people of the population using it, <= headcount
  std::string planned_means;  // empty: none planned
  std::optional<Date> planned_date;
  std::optional<Homologation> homologation;  // of Homologation::means
  std::string updated_at, updated_by;
};

struct Inventory {
  std::vector<Population> populations;
  std::vector<AccessPoint> access_points;
  std::vector<Cell> cells;
};

}  // namespace carepilot::identification
