#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <map>

#include "fixture.hpp"
#include "paq/export.hpp"
#include "paq/source_ref.hpp"

using namespace carepilot;
using carepilot::testing::day;

namespace {

std::vector<paq::Action> sample() {
  paq::Action a;
  a.id = 7;
  a.title = "Durcir l'AD; niveau \"2\"";
  a.description = "=HYPERLINK(\"http://x\")";
  a.source = paq::Source::ad_audit;
  a.source_ref = "ad_audit:3:P-Krbtgt";
  a.owner = "@RSSI";
  a.due = day("2026-03-31");
  a.priority = paq::Priority::high;
  a.status = paq::Status::in_progress;
  a.progress = 40;
  a.created_at = "2026-01-10T08:00:00Z";
  a.updated_on = day("2026-02-01");
  a.notes.push_back({1, "première", "", ""});
  a.notes.push_back({2, "-2 comptes\nrestants", "", ""});
  paq::Action b;
  b.id = 8;
  b.title = "+Former les équipes";
  b.status = paq::Status::done;
  b.progress = 100;
  b.cyber = false;
  b.created_at = "2026-01-11T08:00:00Z";
  b.updated_on = day("2026-01-11");
  return {a, b};
}

TEST(PaqCsv, CellGuardsFormulasAndQuotes) {
  EXPECT_EQ(paq::csv_cell("=1+1"), "'=1+1");
  EXPECT_EQ(paq::csv_cell("+33"), "'+33");
  EXPECT_EQ(paq::csv_cell("-x"), "'-x");
  EXPECT_EQ(paq::csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(paq::csv_cell("a;b"), "\"a;b\"");
  EXPECT_EQ(paq::csv_cell("dit \"oui\""), "\"dit \"\"oui\"\"\"");
  EXPECT_EQ(paq::csv_cell("=a;b"), "\"'=a;b\"");
  EXPECT_EQ(paq::csv_cell("a=b"), "a=b");
  EXPECT_EQ(paq::csv_cell(""), "");
}

TEST(PaqCsv, ShapeForFrenchExcel) {
  std::string csv = paq::actions_csv(sample(), day("2026-04-15"));
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  auto eol = csv.find("\r\n");
  EXPECT_EQ(csv.substr(3, eol - 3),
            "Identifiant;Titre;Description;Origine;Référence origine;Pilote;Échéance "
            "(JJ/MM/AAAA);Priorité;Statut;Avancement (%);Cyber;En retard;Créée le;Mise à jour "
            "le;Dernière note");
  std::string row1 = csv.substr(eol + 2, csv.find("\r\n", eol + 2) - eol - 2);
  // The last note holds a line break: the row continues inside the quoted cell.
  EXPECT_EQ(row1,
            "7;\"Durcir l'AD; niveau \"\"2\"\"\";\"'=HYPERLINK(\"\"http://x\"\")\";Audit Active "
            "Directory;audit Active Directory n° 3;'@RSSI;31/03/2026;Haute;En "
            "cours;40;Oui;Oui;10/01/2026;"
            "01/02/2026;\"'-2 comptes\nrestants\"");
  EXPECT_NE(csv.find("\r\n8;'+Former les équipes;;Saisie manuelle;;;;Moyenne;Terminée;100;Non;"
                     "Non;11/01/2026;11/01/2026;\r\n"),
            std::string::npos);
  // Not overdue when the due date is not yet passed.
  EXPECT_NE(paq::actions_csv(sample(), day("2026-03-31")).find(";40;Oui;Non;"), std::string::npos);
}

// Entries of a zip archive, read with libarchive.
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

TEST(PaqXlsx, ValidWorkbookWithFrozenHeaderFilterAndDates) {
  std::string x = paq::actions_xlsx(sample(), day("2026-04-15"));
  ASSERT_GT(x.size(), 1000u);
  EXPECT_EQ(x.substr(0, 2), "PK");
  auto files = unzip(x);
  ASSERT_TRUE(files.count("xl/worksheets/sheet1.xml"));
  ASSERT_TRUE(files.count("xl/sharedStrings.xml"));
  const auto& sheet = files["xl/worksheets/sheet1.xml"];
  const auto& strings = files["xl/sharedStrings.xml"];
  EXPECT_NE(strings.find("<t>Durcir l'AD; niveau \"2\"</t>"), std::string::npos) << strings;
  // The origin in words, never the machine reference.
  EXPECT_NE(strings.find("<t>audit Active Directory n° 3</t>"), std::string::npos) << strings;
  EXPECT_EQ(strings.find("ad_audit"), std::string::npos) << strings;
  // A formula-like text is a string cell, never a formula, in the workbook.
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
  EXPECT_NE(strings.find("+Former les équipes"), std::string::npos);
  EXPECT_NE(strings.find("Dernière note"), std::string::npos);
  EXPECT_NE(sheet.find("<pane ySplit=\"1\""), std::string::npos);         // frozen header
  EXPECT_NE(sheet.find("<autoFilter ref=\"A1:O3\""), std::string::npos);  // autofilter
  EXPECT_NE(sheet.find("<col "), std::string::npos);                      // widths
  // 31/03/2026 as an Excel serial date (days since 1899-12-30): 46112.
  EXPECT_NE(sheet.find("<v>46112</v>"), std::string::npos);
  EXPECT_NE(files["xl/styles.xml"].find("dd/mm/yyyy"), std::string::npos);
  EXPECT_NE(files["xl/workbook.xml"].find("name=\"PAQ\""), std::string::npos);
}

}  // namespace

// Every origin a module writes reads in words in the exports and on the pages; a reference
// typed by hand stays as typed.
TEST(PaqSourceRef, EveryModulesReferenceInWords) {
  EXPECT_EQ(paq::source_ref_text(""), "—");
  EXPECT_EQ(paq::source_ref_text("exercise:12:item:3"), "exercice n° 12, point 3 du RETEX");
  EXPECT_EQ(paq::source_ref_text("exercise:retex"), "RETEX");
  EXPECT_EQ(paq::source_ref_text("ad_audit:12"), "audit Active Directory n° 12");
  EXPECT_EQ(paq::source_ref_text("ad_audit:12:P-SpnPriv"), "audit Active Directory n° 12");
  EXPECT_EQ(paq::source_ref_text("exposure_audit:4:exposed-rdp@77.159.220.7:tcp/3389"),
            "audit d'exposition sur internet n° 4, 77.159.220.7 port tcp/3389");
  EXPECT_EQ(paq::source_ref_text("exposure_audit:4"), "audit d'exposition sur internet n° 4");
  EXPECT_EQ(paq::source_ref_text("assessment:2026:MFA-1"),
            "autoévaluation de maturité 2026, exigence MFA-1");
  EXPECT_EQ(paq::source_ref_text("identification:7"),
            "étape n° 7 de la trajectoire d'identification");
  EXPECT_EQ(paq::source_ref_text("continuity_test:12:2026-03-02"),
            "test de continuité n° 12 du 02/03/2026");
  EXPECT_EQ(paq::source_ref_text("restore_test:5:2026-03-09"),
            "test de restauration n° 5 du 09/03/2026");
  // Not a day: not read as one.
  EXPECT_EQ(paq::source_ref_text("continuity_test:12:2026-13-02"), "12:2026-13-02");
  EXPECT_EQ(paq::source_ref_text("continuity_test:12"), "12");
  EXPECT_EQ(paq::source_ref_text("incident:2026-04"), "2026-04");
  // An incident's lessons: never its internal number (issue 19 trial: « Incident (85) »).
  EXPECT_EQ(paq::source_ref_text("incident:85"), "fiche de l'incident");
  EXPECT_EQ(paq::source_ref_text("incident:85:ec6c1a49b3f283d4"),
            "fiche de l'incident");  // one lesson
  EXPECT_EQ(paq::source_ref_text("Ticket 4521"), "Ticket 4521");
  EXPECT_EQ(paq::source_ref_text("CR du 12/03: point 4"), "CR du 12/03: point 4");
}
