// The referential: instructions, their obligations and the service catalogue, as loaded
// from data/obligations/*.yaml. Field names are already resolved to field indexes of the
// evidence schema, so evaluation never looks names up.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "referential/evidence_schema.hpp"

namespace carepilot::referential {

enum class Periodicity { yearly, quarterly, once, continuous, fixed };

std::string_view periodicity_name(Periodicity p);

struct Timing {
  Periodicity periodicity = Periodicity::yearly;
  std::optional<Date> deadline;  // fixed deadline, inclusive
  int window_months = 0;         // continuous: evidence must be this recent (0 = any age)
};

struct Source {
  std::string text;
  std::string article;
};

// A condition on one field of a record: the text is one of `text_in`, or the boolean
// equals `boolean`.
struct Condition {
  int field = -1;
  std::vector<std::string> text_in;
  std::optional<bool> boolean;
};

enum class Select { best, latest };

// The records an obligation's criteria are checked against: of one of `types`, meeting
// `where`, inside the evaluation window. One record is selected per evaluation: the one
// meeting most criteria (best) or the most recent (latest).
struct Subject {
  std::string id;
  std::vector<EvidenceType> types;
  std::vector<Condition> where;
  Select select = Select::best;
  int period_field = -1;  // integer field holding the year the record is for (else: its date)
};

// numerator fields summed over the denominator field of the selected record.
struct Ratio {
  std::vector<int> numerator;
  int denominator = -1;
};

enum class CriterionKind { record, services };

struct Criterion {
  std::string id;
  std::string text;
  CriterionKind kind = CriterionKind::record;
  // record: the selected record of `subject` exists and meets `where`, has every `dated`
  // date field set (and not after the cut-off), and `share` reaches `share_min`.
  int subject = -1;
  std::vector<Condition> where;
  std::vector<int> dated;
  std::optional<Ratio> share;
  std::optional<double> share_min;
  // services: every service the establishment runs in `groups` ("all" = every service)
  // has a record of `evidence` naming it.
  EvidenceType evidence = EvidenceType::bia;
  std::vector<std::string> groups;
};

struct Measure {
  std::string id;
  int subject = -1;
  Ratio ratio;
};

struct Target {
  double share_met = 0;
  std::string text;
};

struct Obligation {
  std::string id;
  std::string title;
  std::string rule;
  Source source;
  Timing timing;
  std::vector<std::string> applies_to;  // establishment categories
  std::vector<Subject> subjects;
  std::vector<Criterion> criteria;
  std::vector<Measure> measures;
  std::optional<Target> target;
  bool not_applicable_without_service = false;
  std::size_t instruction = 0;  // index in Referential::instructions
  std::string file;
  int line = 0;
};

struct Instruction {
  std::string id;
  int version = 0;
  std::string title;
  std::string short_name;
  Date in_force_from{};
  std::vector<std::string> categories;
  std::string file;
};

struct Service {
  std::string id;
  std::string group;
  std::string title;
};

struct Referential {
  int schema_version = 0;
  std::vector<Instruction> instructions;
  std::vector<Obligation> obligations;
  std::vector<Service> services;
  std::map<std::string, std::size_t, std::less<>> service_names;  // normalised name/alias

  // The catalogue entry for a service name (any spelling or alias), or nullptr.
  const Service* find_service(std::string_view name) const;
  // Every establishment category some instruction knows (normalised).
  std::vector<std::string> categories() const;
  const Obligation* find_obligation(std::string_view id) const;
};

// Lower-case ASCII, French accents removed, spaces and underscores as '-':
// "Médico_social" -> "medico-social".
std::string normalize_name(std::string_view name);

}  // namespace carepilot::referential
