// The JSON result (schema carepilot.exposure/1), the diff with a previous run and the HTML
// report.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "common/french.hpp"
#include "exposure/readers/input_error.hpp"
#include "exposure/report/diff.hpp"
#include "exposure/report/html_report.hpp"
#include "exposure/report/result_json.hpp"
#include "helpers.hpp"
#include "page_faults.hpp"

namespace carepilot::exposure {
namespace {

using namespace test;
using nlohmann::json;

json result_json(const Result& r, const Diff* d = nullptr) {
  std::ostringstream s;
  write_json(s, r, d);
  return json::parse(s.str());
}

// User trial: « 1 ports ouverts » in the exposure report. Counts agree with their noun
// after 0, 1 and 2; the scan's own time is given.
TEST(ExposureReport, CountsAgreeAndTheScanTimeIsGiven) {
  auto record = [](int port, const char* ts) {
    return std::string("{\"ip\": \"91.207.53.9\", \"timestamp\": \"") + ts + "\", \"ports\": [" +
           (port ? "{\"port\": " + std::to_string(port) +
                       ", \"proto\": \"tcp\", \"status\": \"open\"}"
                 : std::string()) +
           "]}\n";
  };
  const std::string zero = record(0, "1796031600");
  const std::string one = record(3389, "1796031600");
  const std::string two = one + record(445, "1796031700");
  const std::string h0 = render_html(analyse_text(zero));
  EXPECT_NE(h0.find("0 port ouvert ;"), std::string::npos);
  EXPECT_NE(h0.find("1 hôte lu dans le scan, dont 0 exposé "), std::string::npos);
  const std::string h1 = render_html(analyse_text(one));
  EXPECT_NE(h1.find("1 port ouvert ;"), std::string::npos);
  EXPECT_NE(h1.find("1 constat."), std::string::npos);
  EXPECT_NE(h1.find("0 hôte inactif (sans réponse, non analysé)"), std::string::npos);
  const std::string h2 = render_html(analyse_text(two));
  EXPECT_NE(h2.find("2 ports ouverts ;"), std::string::npos);
  EXPECT_NE(h2.find("2 constats."), std::string::npos);
  for (const auto* h : {&h0, &h1, &h2}) {
    EXPECT_EQ(carepilot::testing::report_faults(*h), "");
    EXPECT_EQ(h->find("1 ports"), std::string::npos);
    EXPECT_EQ(h->find("0 ports"), std::string::npos);
    // 1796031600: 30/11/2026 at 10:40, Paris time.
    EXPECT_NE(h->find("scan lancé le 30/11/2026 à 10 h 40"), std::string::npos);
  }
}

TEST(ExposureReport, JsonShape) {
  auto r = analyse_text(slurp(data_path("public.xml")));
  auto j = result_json(r);
  EXPECT_EQ(j["schema"], "carepilot.exposure/1");
  EXPECT_EQ(j["evidence_type"], "exposure_audit");
  EXPECT_EQ(j["as_of"], "2026-12-01");
  EXPECT_EQ(j["internet_audit"], true);
  EXPECT_EQ(j["summary"]["score"], r.score);
  EXPECT_EQ(j["summary"]["hosts"], 2);
  EXPECT_EQ(j["summary"]["by_severity"]["critical"], 3);
  EXPECT_EQ(j["input"]["hosts_down"], 1);
  EXPECT_EQ(j["rules"].size(), builtin_data().rules.size());
  ASSERT_EQ(j["hosts"].size(), 2u);
  const auto& h = j["hosts"][0];
  EXPECT_EQ(h["address"], "91.207.53.10");
  EXPECT_EQ(h["ports"][2]["certificate_not_after"], "2026-12-20T23:59:59");
  EXPECT_EQ(h["findings"][0]["severity"].get<std::string>().empty(), false);
  // An empty result is valid JSON too.
  auto empty = result_json(analyse_text(slurp(data_path("no_host_up.xml"))));
  EXPECT_TRUE(empty["hosts"].empty());
  EXPECT_EQ(empty["internet_audit"], false);
}

// A small validator for the subset of JSON Schema docs/exposure.schema.json uses: type,
// const, enum, required, properties, additionalProperties, items, minimum, maximum,
// pattern (not checked), $ref to #/$defs. Returns the first violation's path, or "".
std::string violation(const json& schema, const json& root, const json& v, const std::string& at) {
  const json* s = &schema;
  if (s->contains("$ref")) {
    const std::string ref = (*s)["$ref"];
    s = &root["$defs"][ref.substr(std::string("#/$defs/").size())];
  }
  if (s->contains("const") && v != (*s)["const"]) return at + " (const)";
  if (s->contains("enum") &&
      std::find((*s)["enum"].begin(), (*s)["enum"].end(), v) == (*s)["enum"].end())
    return at + " (enum)";
  if (s->contains("type")) {
    const std::string t = (*s)["type"];
    const bool ok = (t == "object" && v.is_object()) || (t == "array" && v.is_array()) ||
                    (t == "string" && v.is_string()) || (t == "boolean" && v.is_boolean()) ||
                    (t == "integer" && v.is_number_integer());
    if (!ok) return at + " (type " + t + ")";
  }
  if (v.is_number()) {
    if (s->contains("minimum") && v.get<double>() < (*s)["minimum"].get<double>())
      return at + " (minimum)";
    if (s->contains("maximum") && v.get<double>() > (*s)["maximum"].get<double>())
      return at + " (maximum)";
  }
  if (v.is_object()) {
    if (s->contains("required"))
      for (const auto& k : (*s)["required"])
        if (!v.contains(k.get<std::string>()))
          return at + "." + k.get<std::string>() + " (required)";
    for (const auto& [k, item] : v.items()) {
      std::string e;
      if (s->contains("properties") && (*s)["properties"].contains(k)) {
        e = violation((*s)["properties"][k], root, item, at + "." + k);
      } else if (s->contains("additionalProperties")) {
        e = violation((*s)["additionalProperties"], root, item, at + "." + k);
      } else if (s->contains("properties")) {
        e = at + "." + k + " (not in the schema)";
      }
      if (!e.empty()) return e;
    }
  }
  if (v.is_array() && s->contains("items"))
    for (std::size_t i = 0; i < v.size(); ++i) {
      auto e = violation((*s)["items"], root, v[i], at + "[" + std::to_string(i) + "]");
      if (!e.empty()) return e;
    }
  return "";
}

TEST(ExposureReport, ResultsFollowTheDocumentedSchema) {
  const json schema = json::parse(slurp(EXPOSURE_SCHEMA));
  auto old_r = analyse_text(slurp(data_path("public_old.xml")));
  auto cur = analyse_text(slurp(data_path("public.xml")));
  auto d = diff_results(result_json(old_r), cur);
  for (const auto& j : {result_json(cur, &d), result_json(old_r),
                        result_json(analyse_text(slurp(data_path("no_host_up.xml")))),
                        result_json(analyse_text(slurp(data_path("masscan_garbage.json"))))})
    EXPECT_EQ(violation(schema, schema, j, "$"), "");
  // The validator itself catches a missing member and a wrong type.
  auto bad = result_json(cur);
  bad["summary"].erase("score");
  EXPECT_NE(violation(schema, schema, bad, "$"), "");
  bad = result_json(cur);
  bad["hosts"][0]["ports"][0]["port"] = "22";
  EXPECT_NE(violation(schema, schema, bad, "$"), "");
}

TEST(ExposureReport, DiffWithPrevious) {
  auto old_r = analyse_text(slurp(data_path("public_old.xml")));
  auto previous = result_json(old_r);
  Analyzer a(day("2026-12-01"));
  ReadStats stats;
  read_inputs(
      {data_path("public.xml"), data_path("masscan_campaign.json")},
      [&](Host&& h) { a.add(std::move(h)); }, stats);
  auto cur = a.finish(std::move(stats));
  auto d = diff_results(previous, cur);
  ASSERT_EQ(d.opened.size(), 1u);  // the printer port masscan found
  EXPECT_EQ(d.opened[0].address, "91.207.53.20");
  EXPECT_EQ(d.opened[0].port, 9100);
  ASSERT_EQ(d.closed.size(), 1u);  // FTP is gone
  EXPECT_EQ(d.closed[0].port, 21);
  ASSERT_EQ(d.changed.size(), 1u);  // OpenSSH upgraded
  EXPECT_EQ(d.changed[0].before, "OpenSSH 8.4p1 Debian 5");
  EXPECT_EQ(d.changed[0].after, "OpenSSH 9.2p1 Debian 2+deb12u3");
  bool ftp_resolved = false, smbv1_new = false;
  for (const auto& f : d.resolved_findings) ftp_resolved |= f.port == 21;
  for (const auto& f : d.new_findings) smbv1_new |= f.rule == "smbv1";
  EXPECT_TRUE(ftp_resolved);
  EXPECT_TRUE(smbv1_new);
  EXPECT_EQ(d.previous_score, static_cast<std::int64_t>(old_r.score));
  EXPECT_EQ(d.score, static_cast<std::int64_t>(cur.score));
  auto j = result_json(cur, &d);
  EXPECT_EQ(j["diff"]["opened"].size(), 1u);
  EXPECT_EQ(j["diff"]["changed_versions"][0]["port"], 22);
  // The same run as its own previous: nothing changed.
  auto same = diff_results(result_json(cur), cur);
  EXPECT_TRUE(same.opened.empty() && same.closed.empty() && same.changed.empty() &&
              same.new_findings.empty() && same.resolved_findings.empty());
  EXPECT_THROW(diff_results(json{{"schema", "carepilot.ad_audit/1"}}, cur), InputError);
  EXPECT_THROW(diff_results(json::array(), cur), InputError);
}

// User trial: two scans of different addresses compared as if the addresses the newer
// scan did not cover had closed every port. Only a host in both scans can close ports.
TEST(ExposureReport, DiffOfScansCoveringDifferentAddresses) {
  auto record = [](const char* ip, int port) {
    return std::string("{\"ip\": \"") + ip +
           "\", \"timestamp\": \"1796031600\", \"ports\": [{\"port\": " + std::to_string(port) +
           ", \"proto\": \"tcp\", \"status\": \"open\"}]}\n";
  };
  // Before: .9 (RDP) and .10 (SMB). Now: .9 with SSH instead of RDP, and .11 (Telnet).
  auto old_r = analyse_text(record("91.207.53.9", 3389) + record("91.207.53.10", 445));
  auto cur = analyse_text(record("91.207.53.9", 22) + record("91.207.53.11", 23));
  auto d = diff_results(result_json(old_r), cur);
  ASSERT_EQ(d.closed.size(), 1u);  // RDP on .9, scanned both times
  EXPECT_EQ(d.closed[0].address, "91.207.53.9");
  EXPECT_EQ(d.closed[0].port, 3389);
  ASSERT_EQ(d.not_covered.size(), 1u);  // SMB on .10: not scanned now, not closed
  EXPECT_EQ(d.not_covered[0].address, "91.207.53.10");
  EXPECT_EQ(d.opened.size(), 2u);
  EXPECT_EQ(d.hosts_not_covered, 1u);
  EXPECT_EQ(d.hosts_not_in_previous, 1u);
  EXPECT_TRUE(d.scope_differs());
  for (const auto& f : d.resolved_findings) EXPECT_NE(f.address, "91.207.53.10");
  auto j = result_json(cur, &d);
  EXPECT_EQ(j["diff"]["scope_differs"], true);
  EXPECT_EQ(j["diff"]["hosts_not_covered"], 1);
  EXPECT_EQ(j["diff"]["hosts_not_in_previous"], 1);
  EXPECT_EQ(j["diff"]["closed"].size(), 1u);
  EXPECT_EQ(j["diff"]["not_covered"].size(), 1u);
  EXPECT_EQ(
      violation(json::parse(slurp(EXPOSURE_SCHEMA)), json::parse(slurp(EXPOSURE_SCHEMA)), j, "$"),
      "");
  const std::string text = to_text(d);
  EXPECT_NE(text.find("Expositions fermées : 1\n"), std::string::npos);
  EXPECT_NE(text.find("1 hôte de l'analyse précédente non couvert par ce scan"), std::string::npos);
  EXPECT_NE(text.find("1 hôte absent de l'analyse précédente"), std::string::npos);
  const std::string html = render_html(cur, &d);
  EXPECT_NE(html.find("id=\"scope-differs\""), std::string::npos);
  EXPECT_NE(html.find("Non couvert par ce scan"), std::string::npos);
  EXPECT_NE(html.find("1 exposition fermée"), std::string::npos);
  // The same addresses both times: no scope warning, a port gone is closed.
  auto same_scope = analyse_text(record("91.207.53.9", 22) + record("91.207.53.10", 23));
  auto d2 = diff_results(result_json(old_r), same_scope);
  EXPECT_FALSE(d2.scope_differs());
  EXPECT_EQ(d2.closed.size(), 2u);
  EXPECT_TRUE(d2.not_covered.empty());
  EXPECT_EQ(result_json(same_scope, &d2)["diff"]["scope_differs"], false);
  EXPECT_EQ(to_text(d2).find("Attention"), std::string::npos);
  EXPECT_EQ(render_html(same_scope, &d2).find("scope-differs"), std::string::npos);
}

TEST(ExposureReport, HtmlIsFrenchAndSelfContained) {
  auto old_r = analyse_text(slurp(data_path("public_old.xml")));
  auto cur = analyse_text(slurp(data_path("public.xml")));
  auto d = diff_results(result_json(old_r), cur);
  const std::string html = render_html(cur, &d);
  EXPECT_NE(html.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_NE(html.find("Situation au 01/12/2026"), std::string::npos);
  EXPECT_EQ(html.find("2026-12-01"), std::string::npos);  // no ISO date on screen
  EXPECT_EQ(html.find("(s)"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("administration à distance exposé sur internet"), std::string::npos);
  EXPECT_NE(html.find("Protocole SMBv1 actif"), std::string::npos);
  EXPECT_NE(html.find("Évolution depuis l'analyse du"), std::string::npos);
  EXPECT_NE(html.find("1 exposition fermée"), std::string::npos);
  EXPECT_NE(html.find("Routeur &amp; pare-feu"), std::string::npos);  // escaped
  const std::string priv = render_html(analyse_text(slurp(data_path("private_only.xml"))));
  EXPECT_NE(priv.find("Pas un audit d'exposition internet"), std::string::npos);
}

// Issue 17: the report said « hôtes » for one count, « hôtes lus » for another, and « exposés »
// for hosts with a finding while listing under « Hôtes exposés » every host with an open
// port. Each count has one name: hosts read in the scan; of them exposed (at least one open
// port, the hosts listed under « Hôtes exposés »); with at least one finding. Counted on
// both sides: a host up with no open port, one with an open port and no finding, one with a
// finding.
TEST(ExposureReport, EachHostCountHasOneName) {
  auto record = [](const char* ip, int port) {
    return std::string("{\"ip\": \"") + ip + "\", \"timestamp\": \"1796031600\", \"ports\": [" +
           (port ? "{\"port\": " + std::to_string(port) +
                       ", \"proto\": \"tcp\", \"status\": \"open\"}"
                 : std::string()) +
           "]}\n";
  };
  const std::string silent = record("91.207.53.1", 0);
  const std::string open = record("91.207.53.2", 443);      // an open port, no finding
  const std::string finding = record("91.207.53.3", 3389);  // RDP: a finding
  struct Case {
    std::string scan;
    std::uint64_t hosts, open, with_findings;
    const char* text;
  } cases[] = {
      {silent, 1, 0, 0,
       "1 hôte lu dans le scan, dont 0 exposé (au moins un port ouvert) et 0 avec au moins un "
       "constat ;"},
      {silent + open, 2, 1, 0,
       "2 hôtes lus dans le scan, dont 1 exposé (au moins un port ouvert) et 0 avec au moins un "
       "constat ;"},
      {silent + open + finding, 3, 2, 1,
       "3 hôtes lus dans le scan, dont 2 exposés (au moins un port ouvert) et 1 avec au moins un "
       "constat ;"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const auto r = analyse_text(c.scan);
    EXPECT_EQ(r.hosts.size(), c.hosts);
    EXPECT_EQ(r.hosts_open, c.open);
    EXPECT_EQ(r.hosts_with_findings, c.with_findings);
    const std::string html = render_html(r);
    EXPECT_NE(html.find(c.text), std::string::npos) << html;
    EXPECT_EQ(carepilot::testing::report_faults(html), "");
    // The hosts listed under « Hôtes exposés » are the exposed ones.
    const std::string listed = html.substr(html.find("<h2>Hôtes exposés</h2>"));
    std::uint64_t headings = 0;
    for (auto at = listed.find("<h3>"); at != std::string::npos; at = listed.find("<h3>", at + 1))
      ++headings;
    EXPECT_EQ(headings, c.open);
    EXPECT_EQ(listed.find("91.207.53.1 "), std::string::npos);  // the silent host
    // The same words in « Données analysées », never another count of « hôtes lus ».
    EXPECT_NE(listed.find(c.hosts == 1 ? "1 hôte lu dans le scan ;" : "hôtes lus dans le scan ;"),
              std::string::npos);
    auto j = result_json(r);
    EXPECT_EQ(j["summary"]["hosts"], c.hosts);
    EXPECT_EQ(j["summary"]["hosts_with_open_ports"], c.open);
    EXPECT_EQ(j["summary"]["hosts_exposed"], c.with_findings);
    // A result stored before hosts_with_open_ports existed reads the same.
    j["summary"].erase("hosts_with_open_ports");
    EXPECT_EQ(result_from_json(j)->result.hosts_open, c.open);
    EXPECT_EQ(result_from_json(j)->result.hosts_with_findings, c.with_findings);
  }
}

// The report goes through the pages' wording checks (tests/support/page_faults.hpp) and more,
// over the whole document: no heading twice, no « (s) », no ISO date or time, no internal
// code (rule ids, severity and warning codes); its dates are French; its counts by severity
// go from the most severe to the least. On the richest report the fixtures make: several
// files (nmap, masscan, garbage lines, a private host ignored), a comparison whose scope
// differs, and the other reports (private only, no host up, truncated list).
TEST(ExposureReport, TheReportPassesTheDocumentChecks) {
  const auto as_of = day("2026-12-01");
  auto old_r = analyse_text(slurp(data_path("public_old.xml")));
  // Read file by file (read_scan): files of other days, whose report is checked here, not
  // whether they form one campaign (campaign_test.cpp).
  Analyzer analyzer(as_of);
  ReadStats stats;
  for (const char* f :
       {"public.xml", "masscan_campaign.json", "masscan_garbage.json", "mixed_private.xml"})
    read_scan(
        f, slurp(data_path(f)), [&](Host&& h) { analyzer.add(std::move(h)); }, stats);
  auto cur = analyzer.finish(std::move(stats));
  ASSERT_GT(cur.hosts_private_ignored, 0u);
  ASSERT_GT(cur.input.warnings.by_kind["garbage_line"], 0u);
  auto d = diff_results(result_json(old_r), cur);
  ASSERT_TRUE(d.scope_differs());
  HtmlOptions truncated;
  truncated.max_hosts = 1;
  const std::string html = render_html(cur, &d);
  for (const std::string& doc :
       {html, render_html(cur), render_html(cur, &d, truncated), render_html(old_r),
        render_html(analyse_text(slurp(data_path("private_only.xml")))),
        render_html(analyse_text(slurp(data_path("documentation_only.xml")))),
        render_html(analyse_text(slurp(data_path("no_host_up.xml"))))}) {
    EXPECT_EQ(carepilot::testing::report_faults(doc), "");
    const std::string text = carepilot::testing::visible_text(doc);
    for (const auto& rule : builtin_data().rules)
      EXPECT_EQ(text.find(rule.id), std::string::npos) << rule.id;
    EXPECT_FALSE(std::regex_search(text, std::regex("\\b(critical|high|medium|low)\\b")));
  }
  EXPECT_NE(html.find("Situation au 01/12/2026"), std::string::npos);
  EXPECT_TRUE(std::regex_search(html, std::regex("scan lancé le [0-9]{2}/[0-9]{2}/[0-9]{4} à "
                                                 "[0-9]{1,2} h [0-9]{2}")));
  // The counts by severity, most severe first.
  const std::string table = html.substr(html.find("<th>Gravité</th>"));
  std::size_t last = 0;
  for (const char* name : {"Critique", "Élevée", "Moyenne", "Faible"}) {
    const auto at = table.find(std::string(name) + "</span>");
    ASSERT_NE(at, std::string::npos) << name;
    EXPECT_GT(at, last) << name;
    last = at;
  }
  // The checks themselves find what they look for.
  using carepilot::testing::report_faults;
  EXPECT_NE(report_faults("<h2>Constats</h2><h3>A</h3><h2>Constats</h2>"), "");
  EXPECT_EQ(report_faults("<h2>Constats</h2><h3>A</h3><h2>Constats résolus</h2>"), "");
  EXPECT_NE(report_faults("<p>hôte(s)</p>"), "");
  EXPECT_NE(report_faults("<p>le 2026-12-01</p>"), "");
  EXPECT_NE(report_faults("<p>à 2026-12-01T10:40:00Z</p>"), "");
  EXPECT_NE(report_faults("<p>10:40:00</p>"), "");
  EXPECT_EQ(report_faults("<p>le 01/12/2026 à 10 h 40</p>"), "");
  EXPECT_NE(report_faults("<p>private_hosts_ignored</p>"), "");
  EXPECT_EQ(report_faults("<p>Fichiers : masscan_garbage.json</p>"), "");
  EXPECT_EQ(report_faults("<style>.a_b{x:1}</style><p>ok</p>"), "");
  EXPECT_NE(report_faults("<p>dont 1 hôtes</p>"), "");
  EXPECT_EQ(report_faults("<p>dont 1 hôte</p>"), "");
}

// The platform renders an audit's report when it is read, from its stored JSON result: the
// same report as from the analysis itself, with or without a comparison, for every fixture.
TEST(ExposureReport, TheReportOfAStoredResultIsTheReportOfTheAnalysis) {
  auto old_r = analyse_text(slurp(data_path("public_old.xml")));
  for (const char* f : {"public.xml", "public_old.xml", "mixed_private.xml", "private_only.xml"}) {
    SCOPED_TRACE(f);
    auto cur = analyse_text(slurp(data_path(f)));
    const auto stored = result_from_json(result_json(cur));
    EXPECT_EQ(render_html(stored->result), render_html(cur));
    auto d = diff_results(result_json(old_r), cur);
    EXPECT_EQ(render_html(stored->result, &d), render_html(cur, &d));
    EXPECT_EQ(result_json(stored->result), result_json(cur));
  }
  EXPECT_THROW(result_from_json(json{{"schema", "autre"}}), InputError);
}

// Issue 17: the terminal printed « Avertissement garbage_line : 2 » and « Durée :
// 0.0123 s ». Warnings read as the page and the report say them; the duration to the tenth,
// with a decimal comma, on both sides of the rounding.
TEST(ExposureReport, WarningsAndDurationReadInFrench) {
  EXPECT_EQ(warning_text("garbage_line", 1), "1 ligne illisible ignorée");
  EXPECT_EQ(warning_text("garbage_line", 2), "2 lignes illisibles ignorées");
  EXPECT_EQ(warning_text("long_line", 0), "0 ligne trop longue ignorée");
  EXPECT_EQ(warning_text("private_hosts_ignored", 3), "3 hôtes à adresse non publique ignorés");
  EXPECT_EQ(warning_text("quelque_chose", 2), "2 autres avertissements");
  EXPECT_EQ(duration_text(2.44), "2,4 s");
  EXPECT_EQ(duration_text(2.45), "2,5 s");
  EXPECT_EQ(duration_text(0.049), "moins de 0,1 s");
  EXPECT_EQ(duration_text(0.05), "0,1 s");
  EXPECT_EQ(duration_text(1234.5), french_integer(1234) + ",5 s");
  const std::string garbage =
      "{\"ip\": \"91.207.53.9\", \"timestamp\": \"1796031600\", \"ports\": [{\"port\": 22, "
      "\"proto\": \"tcp\", \"status\": \"open\"}]}\nn'importe quoi\npas du JSON\n";
  const std::string html = render_html(analyse_text(garbage));
  EXPECT_NE(html.find("<li>2 lignes illisibles ignorées</li>"), std::string::npos) << html;
  EXPECT_EQ(html.find("garbage_line"), std::string::npos);
}

TEST(ExposureReport, PrivateHostsIgnoredAreShownInTheReportAndJson) {
  auto r = analyse_text(slurp(data_path("mixed_private.xml")));
  const std::string html = render_html(r);
  EXPECT_NE(html.find("1 hôte à adresse non publique ignoré"), std::string::npos);
  EXPECT_EQ(html.find("192.168.1.10"), std::string::npos);
  EXPECT_EQ(html.find("Pas un audit d'exposition internet"), std::string::npos);
  auto j = result_json(r);
  EXPECT_EQ(j["summary"]["hosts"], 1);
  EXPECT_EQ(j["summary"]["hosts_private_ignored"], 1);
  EXPECT_EQ(j["warnings"]["total"], 1);
  EXPECT_EQ(j["warnings"]["by_kind"]["private_hosts_ignored"], 1);
  const std::string pub = render_html(analyse_text(slurp(data_path("public.xml"))));
  EXPECT_EQ(pub.find("adresse non publique ignoré"), std::string::npos);
  EXPECT_EQ(
      result_json(analyse_text(slurp(data_path("public.xml"))))["summary"]["hosts_private_ignored"],
      0);
}

// « Liste limitée aux 1 premiers hôtes exposés »: one host reads in the singular; the list
// is cut only beyond the limit.
TEST(ExposureReport, HtmlListsAtMostMaxHosts) {
  auto r = analyse_text(slurp(data_path("public.xml")));
  ASSERT_EQ(r.hosts_open, 2u);
  HtmlOptions o;
  o.max_hosts = 1;
  std::string html = render_html(r, nullptr, o);
  EXPECT_NE(html.find("Liste limitée au premier hôte exposé ;"), std::string::npos);
  EXPECT_EQ(html.find("1 premiers"), std::string::npos);
  EXPECT_EQ(carepilot::testing::report_faults(html), "");
  o.max_hosts = 2;
  html = render_html(r, nullptr, o);
  EXPECT_EQ(html.find("Liste limitée"), std::string::npos);  // 2 exposed hosts, 2 shown
  auto three = analyse_files({data_path("public.xml"), data_path("masscan_campaign.json")},
                             day("2026-12-01"), {});
  ASSERT_EQ(three.hosts_open, 3u);
  html = render_html(three, nullptr, o);
  EXPECT_NE(html.find("Liste limitée aux 2 premiers hôtes exposés ;"), std::string::npos);
  EXPECT_EQ(carepilot::testing::report_faults(html), "");
}

// User trial: « unknown » in the report, nmap's name for a port whose service it did not
// recognise. It reads « non identifié »; a recognised service keeps its name, a known product
// its name and version.
TEST(ExposureReport, AServiceNmapDidNotRecogniseReadsNonIdentifie) {
  const std::string xml =
      "<?xml version=\"1.0\"?><nmaprun scanner=\"nmap\" start=\"1796031600\">"
      "<host><status state=\"up\"/><address addr=\"91.207.53.9\" addrtype=\"ipv4\"/><ports>"
      "<port protocol=\"tcp\" portid=\"18083\"><state state=\"open\"/>"
      "<service name=\"unknown\" method=\"table\" conf=\"3\"/></port>"
      "<port protocol=\"tcp\" portid=\"443\"><state state=\"open\"/>"
      "<service name=\"https\" method=\"table\" conf=\"3\"/></port>"
      "</ports></host></nmaprun>";
  const std::string html = render_html(analyse_text(xml));
  // The host has no finding: its open ports are listed all the same.
  EXPECT_NE(html.find("<td>tcp/18083</td>"), std::string::npos) << html;
  EXPECT_NE(html.find("Aucun constat sur cet hôte"), std::string::npos);
  EXPECT_EQ(html.find("unknown"), std::string::npos);
  EXPECT_NE(html.find("non identifié"), std::string::npos);
  EXPECT_NE(html.find("https"), std::string::npos);
  EXPECT_EQ(service_text("unknown", "", ""), "non identifié");
  EXPECT_EQ(service_text("", "", ""), "non identifié");
  EXPECT_EQ(service_text("http", "", ""), "http");
  EXPECT_EQ(service_text("http", "nginx", "1.18.0"), "nginx 1.18.0");
  EXPECT_EQ(service_text("http", "nginx", ""), "nginx");
}

}  // namespace
}  // namespace carepilot::exposure
