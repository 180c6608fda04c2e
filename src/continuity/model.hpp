// The continuity register of one establishment as stored (issue 15; migration 0031): the IT
// resources, the activities to protect with their share of the establishment's activity and
// the resources they depend on, the versions of each activity's business impact analysis
// (BIA), the continuity plans (PCA, PRA, PCRA, PCRI) and their tests. Withdrawn rows are not
// part of a Register: they are kept in the database with who withdrew them, when and why.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "common/withdrawal.hpp"
#include "continuity/rules/bia.hpp"

namespace carepilot::continuity {

// An application (patient record, PACS …) or a piece of infrastructure (network, directory …).
struct Resource {
  std::int64_t id = 0;
  std::string name;
  std::string kind;  // "application" | "infrastructure"
};

struct Activity {
  std::int64_t id = 0;
  std::string name;
  std::string kind;     // "care_service" | "admin_process" | "technical_platform"
  std::string service;  // a service code the establishment runs, "" when none
  std::string owner;
  int share_hundredths = 0;  // share of the establishment's activity, 1/100 of a percent
  std::vector<std::int64_t> resource_ids;  // ascending
};

// One version of an activity's BIA. `dmia_hours`/`pdma_hours`: derived from the matrix
// (continuity::derive); the overrides, when set, are what counts (effective()).
struct Bia {
  std::int64_t id = 0;
  std::int64_t activity_id = 0;
  int version = 1;
  int scale_version = 0;
  ImpactMatrix impacts;
  std::optional<int> dmia_hours, pdma_hours;
  std::optional<Override> dmia_override, pdma_override;
  std::string degraded_mode;
  std::optional<int> autonomy_hours;
  std::string validated_by;
  std::optional<Date> validated_on;  // none: a draft, which does not count
  std::string created_at, created_by;

  bool validated() const { return validated_on.has_value(); }
  std::optional<int> dmia() const { return effective(dmia_hours, dmia_override); }
  std::optional<int> pdma() const { return effective(pdma_hours, pdma_override); }
};

// The plan's document (PDF, ODT, DOCX … through common/attachment.hpp), stored as a document
// of the plan's `continuity_plan` evidence (evidence_documents, title kPlanDocumentTitle): the
// latest version.
inline constexpr const char* kPlanDocumentTitle = "Document du plan";
struct PlanDocument {
  std::int64_t id = 0;
  int version = 1;
  std::string file_name;
  std::int64_t size = 0;
  std::string sha256, created_at, created_by;
};

struct Plan {
  std::int64_t id = 0;
  std::string kind;  // "pca" | "pra" | "pcra" | "pcri"
  std::string title;
  std::string scope;                  // "global" | "service"
  std::vector<std::string> services;  // scope "service": the service codes covered
  std::string scenarios;              // one per line
  bool covers_it_outage = false;      // the mandatory « indisponibilité informatique »
  std::string version, validated_by;
  Date validated_on{};
  std::optional<Date> review_on;
  std::string created_at, created_by;
  std::optional<PlanDocument> document;  // none: no document attached yet
};

// A service (an activity of the register) involved in a plan test, with the interruption
// observed for it during a test held, in minutes (none: not measured), to set against the
// DMIA of its activity's BIA (migration 0045).
struct TestService {
  std::int64_t activity_id = 0;
  std::optional<int> observed_minutes;
};

// A test of a plan: held (held_on) or planned (planned_on only: the test plan).
struct PlanTest {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  std::optional<Date> held_on, planned_on;
  std::string scenario;
  std::optional<int> observed_hours;  // the longest interruption observed
  std::string failures;
  std::vector<TestService> services;  // by activity name
};

// A technical restore test of an IT resource: restored on `held_on`, the restore took
// `restore_minutes` and lost `data_loss_minutes` of data (the age of the copy restored);
// `checked_by` is the business referent who checked the functions afterwards.
struct RestoreTest {
  std::int64_t id = 0;
  std::int64_t resource_id = 0;
  Date held_on{};
  int restore_minutes = 0;
  int data_loss_minutes = 0;
  std::string checked_by, notes;
};

// A withdrawn BIA version, plan, plan test or restore test, as listed (never counted): what it was,
// and who withdrew it, when and why.
struct WithdrawnRecord {
  std::string kind;  // "bia" | "plan" | "plan_test" | "restore_test"
  std::int64_t id = 0;
  std::string label;  // « BIA de « Urgences », version 2 », « PCA 2026 (PCA, version 3) » …
  Withdrawal withdrawal;
};

struct Register {
  std::vector<Resource> resources;         // by name
  std::vector<Activity> activities;        // by name
  std::vector<Bia> bias;                   // by activity, then version
  std::vector<Plan> plans;                 // latest validation first
  std::vector<PlanTest> tests;             // by plan, then date
  std::vector<RestoreTest> restores;       // by resource, then date
  std::vector<WithdrawnRecord> withdrawn;  // BIA versions, plans, tests: latest withdrawal first

  const Activity* activity(std::int64_t id) const;
  const Resource* resource(std::int64_t id) const;
  const Plan* plan(std::int64_t id) const;
  // The latest version of the activity's BIA (draft or not), and the one that counts: the
  // latest validated version. nullptr when none.
  const Bia* latest_bia(std::int64_t activity_id) const;
  const Bia* counting_bia(std::int64_t activity_id) const;
  // The last test held of the plan, nullptr when never tested.
  const PlanTest* last_test(std::int64_t plan_id) const;
  const PlanTest* test(std::int64_t id) const;
  // The latest restore test of the resource (latest date, then latest recorded), nullptr when
  // never tested.
  const RestoreTest* last_restore(std::int64_t resource_id) const;
  const RestoreTest* restore(std::int64_t id) const;
  const Bia* bia(std::int64_t id) const;
  const WithdrawnRecord* withdrawn_record(std::string_view kind, std::int64_t id) const;
};

}  // namespace carepilot::continuity
