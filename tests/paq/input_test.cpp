#include <gtest/gtest.h>

#include "common/labels.hpp"
#include "fixture.hpp"
#include "paq/input.hpp"
#include "paq/model.hpp"

using namespace carepilot;
using carepilot::testing::day;
using carepilot::testing::refused;
using nlohmann::json;

namespace {

TEST(PaqInput, FormIsRead) {
  auto in = paq::input_from_form({{"title", "Sauvegardes"},
                                  {"source", "incident"},
                                  {"owner", "DSI"},
                                  {"due", "2026-06-30"},
                                  {"priority", "critical"}});
  EXPECT_EQ(in.title, "Sauvegardes");
  EXPECT_EQ(in.source, paq::Source::incident);
  EXPECT_EQ(format_date(*in.due), "2026-06-30");
  EXPECT_EQ(in.priority, paq::Priority::critical);
  EXPECT_FALSE(in.cyber);  // an unchecked box is absent from a form
  EXPECT_TRUE(paq::input_from_form({{"title", "x"}, {"cyber", "on"}}).cyber);
  EXPECT_FALSE(paq::input_from_form({{"title", "x"}}).due.has_value());
}

// Issue 17 trial: an action sent from an exposure audit has its own origin, read back from
// its code and named by its label (data/labels/labels.yaml, paq_sources), as every origin.
TEST(PaqInput, EveryOriginHasItsCodeAndLabel) {
  EXPECT_EQ(paq::input_from_form({{"title", "x"}, {"source", "exposure_audit"}}).source,
            paq::Source::exposure_audit);
  EXPECT_EQ(paq::source_label(paq::Source::exposure_audit), "Audit d'exposition");
  EXPECT_EQ(paq::source_label(paq::Source::manual), "Saisie manuelle");
  // Issue 16: a trajectory step of the identification inventory sent to the PAQ.
  EXPECT_EQ(paq::input_from_form({{"title", "x"}, {"source", "identification"}}).source,
            paq::Source::identification);
  EXPECT_EQ(paq::source_label(paq::Source::identification), "Identification électronique");
  for (auto s : {paq::Source::exercise, paq::Source::assessment, paq::Source::ad_audit,
                 paq::Source::exposure_audit, paq::Source::identification, paq::Source::incident,
                 paq::Source::manual}) {
    EXPECT_EQ(paq::parse_source(paq::source_name(s)), s);
    EXPECT_NE(paq::source_label(s), "Autre origine") << paq::source_name(s);
  }
  EXPECT_EQ(paq_source_label("inconnue"), "Autre origine");
}

TEST(PaqInput, FormRefusalsNameTheField) {
  refused(
      [] {
        paq::input_from_form({{"title", "x"}, {"due", "31/12/2026"}});
      },
      "due", "paq.due_invalid");
  refused(
      [] {
        paq::input_from_form({{"title", "x"}, {"source", "audit"}});
      },
      "source", "paq.source_invalid");
  refused(
      [] {
        paq::input_from_form({{"title", "x"}, {"priority", "urgent"}});
      },
      "priority", "paq.priority_invalid");
  refused([] { paq::input_from_form({{"title", ""}}); }, "title", "paq.title_required");
  paq::FormFields edit{{"title", "x"}, {"status", "in_progress"}, {"progress", "50"}};
  EXPECT_EQ(paq::change_from_form(edit).progress, 50);
  edit["status"] = "finished";
  refused([&] { paq::change_from_form(edit); }, "status", "paq.status_invalid");
  edit["status"] = "done";
  edit["progress"] = "150";
  refused([&] { paq::change_from_form(edit); }, "progress", "paq.progress_invalid");
  edit["progress"] = "5O";
  refused([&] { paq::change_from_form(edit); }, "progress", "paq.progress_invalid");
}

TEST(PaqInput, EveryFaultyFieldIsNamedOnce) {
  try {
    paq::input_from_form({{"title", " "}, {"due", "demain"}, {"priority", "?"}});
    ADD_FAILURE();
  } catch (const UserError& e) {
    ASSERT_EQ(e.fields().size(), 3u);
    EXPECT_EQ(e.fields()[0].field, "due");
    EXPECT_EQ(e.fields()[1].field, "priority");
    EXPECT_EQ(e.fields()[2].field, "title");
    EXPECT_EQ(e.fields()[2].message.rfind("title : ", 0), 0u);
  }
}

TEST(PaqInput, JsonMergesOverTheCurrentAction) {
  paq::Action current;
  current.title = "Ancien";
  current.owner = "RSSI";
  current.due = day("2026-05-01");
  current.progress = 20;
  auto ch = paq::change_from_json({{"status", "in_progress"}, {"due", nullptr}}, current);
  EXPECT_EQ(ch.title, "Ancien");
  EXPECT_EQ(ch.owner, "RSSI");
  EXPECT_EQ(ch.status, paq::Status::in_progress);
  EXPECT_EQ(ch.progress, 20);
  EXPECT_FALSE(ch.due.has_value());
  refused(
      [&] {
        paq::change_from_json({{"progress", 100.5}}, current);
      },
      "progress", "paq.progress_invalid");
  refused(
      [&] {
        paq::change_from_json({{"progress", "50"}}, current);
      },
      "progress", "paq.progress_invalid");
  refused(
      [&] {
        paq::change_from_json({{"cyber", "oui"}}, current);
      },
      "cyber", "paq.cyber_invalid");
  refused([] { paq::input_from_json({{"title", 12}}); }, "title", "paq.title_invalid");
  refused([] { paq::input_from_json(json::object()); }, "title", "paq.title_required");
  auto in = paq::input_from_json({{"title", "t"}});
  EXPECT_TRUE(in.cyber);
  EXPECT_EQ(in.source, paq::Source::manual);
  EXPECT_EQ(in.priority, paq::Priority::medium);
}

}  // namespace
