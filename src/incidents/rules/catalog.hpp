// The register of security incidents as data (issue 19): the typed events of a timeline, the
// CERT Santé observatory's qualification dimensions, the regulatory clocks that run from the
// detection (data/incidents/register.yaml) and the national figures published by the CERT
// Santé (data/incidents/national_figures.yaml), each with its source. Validated at start-up;
// the labels of every code are in data/labels/labels.yaml (see label()).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace carepilot::incidents {

struct EventType {
  std::string id;                 // "degraded_end"
  bool unique = false;            // at most one per incident
  bool before_detection = false;  // may be dated before the detection ("occurred")
  bool per_service = false;       // names one of the establishment's services
  std::string ends;               // the event whose period it closes ("degraded_start"), or ""
  // Recorded by the application only (the declaration's transmission): never typed by hand.
  bool automatic = false;
  // Kept from earlier records only (migration 0051: the declarations typed by hand before the
  // stages said « declared »): shown in the timeline, counted for nothing, never typed again.
  bool legacy = false;
};

struct MatrixCategory {
  std::string id;  // "health_data"
  bool personal = false;
};

// A qualification dimension: `single` (one of `values`) or `matrix` (any cells
// "category.criterion" of categories × criteria).
struct Dimension {
  std::string id;  // "threat"
  bool matrix = false;
  std::vector<std::string> values;              // single
  std::vector<MatrixCategory> categories;       // matrix
  std::vector<std::string> criteria;            // matrix
  bool allows(const std::string& value) const;  // a value or a "category.criterion" cell
  const MatrixCategory* category(const std::string& id) const;
};

// When a deadline's clock runs: the qualification has a cell of a personal category in
// `dimension` (the only condition the texts need so far).
struct Condition {
  std::string dimension;
  bool personal = false;
};

struct Deadline {
  std::string id;                   // "gdpr_breach_notification"
  std::string done_by;              // an event type
  std::optional<int> within_hours;  // absent: without delay (as soon as possible)
  std::optional<Condition> applies_when;
  std::string source;
  bool verified = false;
};

struct Catalog {
  std::string source;
  int version = 0;
  std::vector<EventType> events;
  std::vector<Dimension> dimensions;
  std::vector<Deadline> deadlines;
  // How far after now a typed instant is still accepted (clocks of two machines differ):
  // `clock_skew_minutes` of the file, 0 when absent; a later instant is refused.
  int clock_skew_minutes = 0;
  std::string clock_skew_rationale;

  const EventType* event(const std::string& id) const;
  const Dimension* dimension(const std::string& id) const;
};

struct NationalFigure {
  int year = 0;
  int count = 0;
  std::string source;
  // false: not in the reference texts, shown « à vérifier » until an administrator checks it
  // (`verified` of the file; true when absent).
  bool verified = true;
};

struct NationalFigures {
  std::string source;
  std::vector<NationalFigure> figures;  // ascending years
  const NationalFigure* year(int y) const;
};

// Parse and validate; throw std::invalid_argument "FILE:LINE: reason" (French reason) on a
// missing or ill-typed field, a duplicate id, an unknown event in `ends` or `done_by`, an
// event type the engine needs missing (detection, occurred, degraded_start, degraded_end,
// services_restored, declaration_submitted), a dimension of unknown kind or without values, a
// deadline with both or neither of within_hours and without_delay (or hours <= 0), a
// condition on an unknown or non-matrix dimension; for the figures: years not ascending, a
// count < 0, a total that is not the sum of its years' counts.
Catalog parse_catalog(const std::string& yaml_text, const std::string& file);
NationalFigures parse_national_figures(const std::string& yaml_text, const std::string& file);

// The files as built into the program, validated on first use (call at start-up).
const Catalog& default_catalog();
const NationalFigures& default_national_figures();

// The French label of a code of the data, from data/labels/labels.yaml: label("event",
// "detection") reads codes "incident_event.detection"; label("threat", "ransomware") reads
// "incident_threat.ransomware"; a cell "health_data.confidentiality" of the data dimension
// reads its category and its criterion (« Données de santé à caractère personnel —
// confidentialité »). Deadlines: label("deadline", id).
std::string label(const std::string& table, const std::string& code);
// The French name of an establishment's service code (« imagerie » reads « Imagerie »): the
// catalogue's (data/catalog), else its label from data/labels, never the bare code.
std::string service_label(const std::string& code);
// Every code key of labels.yaml the data needs ("incident_event.detection", …), for the test
// that checks each has its label.
std::vector<std::string> label_keys(const Catalog& c);

}  // namespace carepilot::incidents
