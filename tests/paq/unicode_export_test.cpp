// Random Unicode through every export (PAQ and dashboard, CSV and XLSX): each CSV parses back
// to the text typed (invalid UTF-8 shown as U+FFFD, formula-like cells behind an apostrophe)
// and each workbook unzips into XML a parser accepts, holding the text with the characters
// XML 1.0 forbids replaced by U+FFFD.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <map>
#include <pugixml.hpp>
#include <random>
#include <regex>
#include <set>

#include "common/export.hpp"
#include "engine/aggregate.hpp"
#include "evidence/calendar.hpp"
#include "fixture.hpp"
#include "paq/export.hpp"

#include "utf8.hpp"

using namespace carepilot;
using carepilot::testing::day;

namespace {

using carepilot::testing::utf8;

// A random text and what each format must give back for it.
struct Sample {
  std::string raw;
  std::string valid;  // invalid UTF-8 -> U+FFFD (what a CSV cell holds)
  std::string xml;    // also XML-forbidden characters -> U+FFFD (what a workbook holds)
};

Sample random_text(std::mt19937& rng) {
  const std::string fffd = "\xEF\xBF\xBD";
  Sample s;
  std::uniform_int_distribution<int> len(1, 40), kind(0, 9);
  int n = len(rng);
  for (int i = 0; i < n; ++i) {
    std::uint32_t cp = 0;
    switch (kind(rng)) {
      case 0: {  // C0 controls and DEL
        cp = std::uniform_int_distribution<std::uint32_t>(0, 0x1F)(rng);
        if (cp == '\r') cp = 0x0B;  // XML parsers turn CR into LF: keep it out of the compare
        std::string c;
        utf8(c, cp);
        s.raw += c;
        s.valid += c;
        s.xml += (cp == 0x09 || cp == 0x0A) ? c : fffd;
        continue;
      }
      case 1: {  // not characters, or not UTF-8 at all
        static const std::vector<std::string> bad{"\xEF\xBF\xBE", "\xEF\xBF\xBF",  // U+FFFE/F
                                                  "\xED\xA0\x80",                  // surrogate
                                                  "\xFF", "\xC3"};
        auto b = bad[std::uniform_int_distribution<std::size_t>(0, bad.size() - 1)(rng)];
        s.raw += b;
        bool nonchar = b.size() == 3 && b[1] == '\xBF';
        std::string v = nonchar ? b : std::string();
        if (!nonchar)
          for (std::size_t k = 0; k < b.size(); ++k) v += fffd;
        s.valid += v;
        s.xml += nonchar ? fffd : v;
        continue;
      }
      case 2:
        cp = std::uniform_int_distribution<std::uint32_t>(0x20, 0x7E)(rng);
        break;
      case 3:
        cp = std::string_view("=+-@;\"'")[std::uniform_int_distribution<int>(0, 6)(rng)];
        break;
      case 4:
        cp = std::uniform_int_distribution<std::uint32_t>(0x80, 0x2FF)(rng);  // C1, Latin
        break;
      case 5:
        cp = std::uniform_int_distribution<std::uint32_t>(0x590, 0x6FF)(rng);  // RTL scripts
        break;
      case 6:
        cp = std::uniform_int_distribution<std::uint32_t>(0x4E00, 0x9FFF)(rng);  // CJK
        break;
      case 7:
        cp = std::uniform_int_distribution<std::uint32_t>(0x1F300, 0x1FAFF)(rng);  // emoji
        break;
      case 8:
        cp = std::uniform_int_distribution<std::uint32_t>(0xE000, 0xFFFD)(rng);
        break;
      default:
        cp = std::uniform_int_distribution<std::uint32_t>(0x10000, 0x10FFFF)(rng);
        break;
    }
    if (cp == '\r') cp = ' ';
    std::string c;
    utf8(c, cp);
    s.raw += c;
    s.valid += c;
    s.xml += c;
  }
  return s;
}

// The CSV cell a spreadsheet shows for `valid`: an apostrophe before formula-like text.
std::string csv_expected(const std::string& valid) {
  static const std::regex number("-?[0-9]+(,[0-9]+)?");
  if (!valid.empty() && !std::regex_match(valid, number) &&
      std::string_view("=+-@\t\r").find(valid[0]) != std::string_view::npos)
    return "'" + valid;
  return valid;
}

// RFC 4180 with ";", after the BOM.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 3; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"' && cell.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ';') {
      rows.back().push_back(cell);
      cell.clear();
      was_quoted = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(cell);
      cell.clear();
      was_quoted = false;
      rows.emplace_back();
      ++i;
    } else {
      cell += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> out;
  archive* a = archive_read_new();
  archive_read_support_format_zip(a);
  EXPECT_EQ(archive_read_open_memory(a, bytes.data(), bytes.size()), ARCHIVE_OK);
  archive_entry* e = nullptr;
  while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
    std::string content;
    char buf[8192];
    la_ssize_t n;
    while ((n = archive_read_data(a, buf, sizeof buf)) > 0)
      content.append(buf, static_cast<std::size_t>(n));
    out[archive_entry_pathname(e)] = content;
  }
  archive_read_free(a);
  return out;
}

// Every XML part of the workbook parses; returns the shared strings.
std::set<std::string> workbook_strings(const std::string& xlsx) {
  std::set<std::string> out;
  auto files = unzip(xlsx);
  EXPECT_TRUE(files.count("xl/sharedStrings.xml"));
  for (const auto& [name, content] : files) {
    if (name.size() < 4 ||
        (name.substr(name.size() - 4) != ".xml" && name.substr(name.size() - 5) != ".rels"))
      continue;
    pugi::xml_document doc;
    auto res = doc.load_buffer(content.data(), content.size(),
                               pugi::parse_default | pugi::parse_ws_pcdata);
    EXPECT_TRUE(res) << name << ": " << res.description() << " at " << res.offset;
    if (name != "xl/sharedStrings.xml") continue;
    for (auto si : doc.child("sst").children("si")) out.insert(si.child("t").text().get());
  }
  return out;
}

TEST(UnicodeExports, RandomTextRoundTripsThroughEveryExport) {
  for (unsigned seed : {1u, 2u, 3u, 4u, 5u}) {
    std::mt19937 rng(seed);
    std::vector<Sample> samples;
    std::vector<paq::Action> actions;
    engine::Aggregate agg;
    for (int i = 0; i < 30; ++i) {
      paq::Action a;
      a.id = i + 1;
      auto t = random_text(rng), d = random_text(rng), o = random_text(rng);
      a.title = t.raw;
      a.description = d.raw;
      a.owner = o.raw;
      a.created_at = "2026-01-10T08:00:00Z";
      a.updated_on = day("2026-02-01");
      actions.push_back(a);
      samples.insert(samples.end(), {t, d, o});
      engine::ObligationAggregate ob;
      auto title = random_text(rng), name = random_text(rng);
      ob.id = "obligation-" + std::to_string(i);
      ob.title = title.raw;
      ob.overdue = {std::to_string(750000000 + i)};
      agg.obligations.push_back(ob);
      agg.late.push_back({ob.overdue[0], name.raw, {ob.id}});
      samples.insert(samples.end(), {title, name});
    }
    // PAQ CSV: title, description and owner come back in columns 2, 3 and 6.
    auto rows = parse_csv(paq::actions_csv(actions, day("2026-04-15")));
    ASSERT_EQ(rows.size(), actions.size() + 1) << seed;
    for (std::size_t i = 0; i < actions.size(); ++i) {
      ASSERT_EQ(rows[i + 1].size(), paq::export_columns().size()) << seed << " row " << i;
      EXPECT_EQ(rows[i + 1][1], csv_expected(samples[i * 5].valid)) << seed << " row " << i;
      EXPECT_EQ(rows[i + 1][2], csv_expected(samples[i * 5 + 1].valid)) << seed;
      EXPECT_EQ(rows[i + 1][5], csv_expected(samples[i * 5 + 2].valid)) << seed;
    }
    // Dashboard CSV: the title, and the late establishment's name next to its FINESS.
    auto drows = parse_csv(evidence::dashboard_csv(agg));
    ASSERT_EQ(drows.size(), agg.obligations.size() + 1) << seed;
    for (std::size_t i = 0; i < agg.obligations.size(); ++i) {
      ASSERT_EQ(drows[i + 1].size(), 13u) << seed << " row " << i;
      EXPECT_EQ(drows[i + 1][1], csv_expected(samples[i * 5 + 3].valid)) << seed;
      EXPECT_EQ(drows[i + 1][12],
                exports::finess_and_name(agg.late[i].finess, samples[i * 5 + 4].valid))
          << seed;
    }
    // Both workbooks: well-formed XML holding every text, forbidden characters replaced.
    auto paq_strings = workbook_strings(paq::actions_xlsx(actions, day("2026-04-15")));
    auto dash_strings = workbook_strings(evidence::dashboard_xlsx(agg));
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const auto& strings = i % 5 < 3 ? paq_strings : dash_strings;
      EXPECT_TRUE(strings.count(samples[i].xml)) << seed << " sample " << i;
    }
  }
}

TEST(UnicodeExports, HelpersOnBothSidesOfEachBoundary) {
  EXPECT_EQ(exports::xml_text("a\tb\nc\rd"), "a\tb\nc\rd");
  EXPECT_EQ(exports::xml_text(std::string("a\0b", 3)),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(exports::xml_text("\x1F"), "\xEF\xBF\xBD");
  EXPECT_EQ(exports::xml_text(" "), " ");
  EXPECT_EQ(exports::xml_text("\xEF\xBF\xBD"), "\xEF\xBF\xBD");  // U+FFFD itself is fine
  EXPECT_EQ(exports::xml_text("\xEF\xBF\xBE"), "\xEF\xBF\xBD");  // U+FFFE
  EXPECT_EQ(exports::xml_text("\xEF\xBF\xBF"), "\xEF\xBF\xBD");  // U+FFFF
  EXPECT_EQ(exports::xml_text("\xED\x9F\xBF"), "\xED\x9F\xBF");  // U+D7FF
  EXPECT_EQ(exports::xml_text("\xED\xA0\x80"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");                       // surrogate
  EXPECT_EQ(exports::xml_text("\xF4\x8F\xBF\xBF"), "\xF4\x8F\xBF\xBF");    // U+10FFFF
  EXPECT_EQ(exports::valid_text("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(exports::decimal(0.45), "0,5");
  EXPECT_EQ(exports::percent(0.4531), "45,3");
  EXPECT_EQ(exports::percent(1.0), "100,0");
  EXPECT_EQ(exports::decimal(-0.01), "0,0");
  EXPECT_EQ(exports::csv_cell("-12,5"), "-12,5");  // a number, not a formula
  EXPECT_EQ(exports::csv_cell("-12,5x"), "'-12,5x");
  EXPECT_EQ(exports::csv_cell("-"), "'-");
  EXPECT_EQ(exports::finess_and_name("750712184", ""), "750712184");
  EXPECT_EQ(exports::finess_and_name("750712184", "CH A"), "750712184 — CH A");
}

}  // namespace
