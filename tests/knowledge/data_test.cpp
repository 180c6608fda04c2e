// data/knowledge: the shipped files load; a wrong file is refused with FILE:LINE: reason; the
// export reads back the same entries (issue 20).
#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "funding/data.hpp"
#include "knowledge/data.hpp"
#include "knowledge/known.hpp"
#include "knowledge/repository.hpp"

namespace carepilot::knowledge {

namespace data_test_detail {

const char* kGood = R"(schema_version: 1
kind: knowledge
source: "essai"
entries:
  - id: offre-a
    kind: offer
    offer_kind: service
    provider: "GRADeS"
    title: "Offre régionale"
    summary: "Accompagnement des sauvegardes."
    theme: sauvegarde
    audiences: [sanitaire]
    region: "52"
    obligations: [pca-pra]
  - id: faq-b
    kind: faq
    ref: "D2.01.C"
    title: "Question"
    summary: "Réponse."
    theme: continuite
    audiences: [sanitaire, medico_social]
)";

std::string refusal(const std::string& text) {
  try {
    load_entries("f.yaml", text, embedded_vocabulary(), builtin_known_codes());
  } catch (const DataError& e) {
    return e.what();
  }
  return "accepted";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

}  // namespace data_test_detail

using data_test_detail::kGood;
using data_test_detail::refusal;
using data_test_detail::replaced;

TEST(KnowledgeData, TheShippedFilesLoad) {
  auto all = embedded_entries(builtin_known_codes());
  std::set<std::string> kinds;
  for (const auto& e : all) kinds.insert(e.kind);
  EXPECT_EQ(kinds, (std::set<std::string>{"faq", "referential", "objective", "offer", "date"}));
  // The FAQ's « D2.01.C » is normalised.
  bool found = false;
  for (const auto& e : all)
    if (e.id == "faq-d2-o1-c-pcri") {
      found = true;
      EXPECT_EQ(e.ref, "D2.O1.C");
    }
  EXPECT_TRUE(found);
}

// « Comment faire ? » on each funding objective (issue 20): every prerequisite and objective
// of every shipped call has at least one FAQ entry, referential or offer linked to it.
TEST(KnowledgeData, EveryObjectiveOfTheShippedCallsHasLinkedContent) {
  auto known = builtin_known_codes();
  std::set<std::string> linked;
  for (const auto& e : embedded_entries(known))
    if (e.kind == "faq" || e.kind == "referential" || e.kind == "offer")
      linked.insert(e.objectives.begin(), e.objectives.end());
  std::size_t seen = 0;
  for (const auto& c : funding::embedded_data().calls) {
    std::vector<std::string> ids;
    for (const auto& p : c.prerequisites) ids.push_back(p.id);
    for (const auto& o : c.objectives) ids.push_back(o.id);
    for (const auto& id : ids) {
      auto n = known_objective(known, id);
      ASSERT_TRUE(n) << id;
      EXPECT_TRUE(linked.count(*n)) << c.id << " : " << *n << " n'a aucun contenu lié";
      ++seen;
    }
  }
  EXPECT_GE(seen, 23u);  // D1 (4), D2 (13), HospiConnect (6) at least
  // HospiConnect's identifiers are known, normalised like the domains' ("HC.02.C").
  EXPECT_EQ(known_objective(known, "hc.02.c"), "HC.O2.C");
  EXPECT_EQ(known_objective(known, "HC.P1"), "HC.P1");
  EXPECT_EQ(known_objective(known, "D2.01.C"), "D2.O1.C");
  EXPECT_EQ(known_objective(known, "HC.O9.A"), std::nullopt);
  EXPECT_EQ(known_objective(known, "D1.P2"), std::nullopt);
}

TEST(KnowledgeData, AGoodFileLoadsAndNormalises) {
  auto e = load_entries("f.yaml", kGood, embedded_vocabulary(), builtin_known_codes());
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].region, "52");
  EXPECT_EQ(e[1].ref, "D2.O1.C");
  EXPECT_EQ(e[1].objectives, std::vector<std::string>{"D2.O1.C"});
  EXPECT_EQ(e[1].source, "essai");
}

TEST(KnowledgeData, WrongFilesAreRefusedAtTheirLine) {
  EXPECT_EQ(refusal(replaced(kGood, "id: faq-b", "id: offre-a")),
            "f.yaml:15: identifiant « offre-a » en double (déjà en f.yaml:5)");
  EXPECT_EQ(
      refusal(replaced(kGood, "    theme: continuite", "    theme: continuite\n    colour: red")),
      "f.yaml:21: clé inconnue « colour »");
  EXPECT_EQ(refusal(replaced(kGood, "ref: \"D2.01.C\"", "ref: \"D2.X1.C\"")),
            "f.yaml:17: ref : « D2.X1.C » n'est pas un objectif des appels à financement "
            "(D2.O1.C par exemple)");
  // Shaped like an identifier but defined by no call: refused, every such value named.
  EXPECT_EQ(refusal(replaced(kGood, "    theme: continuite",
                             "    objectives: [D2.O9.C, HC.O1.A, X]\n    theme: continuite")),
            "f.yaml:20: objectives : « D2.O9.C », « X » ne sont pas des objectifs des appels à "
            "financement (D2.O1.C, HC.O2.C par exemple)");
  EXPECT_EQ(refusal(replaced(kGood, "region: \"52\"", "region: \"99\"")),
            "f.yaml:13: region : région inconnue « 99 »");
  EXPECT_EQ(refusal(replaced(kGood, "obligations: [pca-pra]", "obligations: [pca-pra, unknown]")),
            "f.yaml:14: obligations : obligation inconnue « unknown »");
  EXPECT_EQ(refusal(replaced(kGood, "kind: knowledge", "kind: other")),
            "f.yaml:2: kind « knowledge » attendu");
}

// Issue 20 trial: public « Source » lines named an internal file (« DOMAIN.md »). A source that
// names a file is refused at its line; the shipped entries name public texts only, and the
// A file yaml-cpp cannot read is refused in French at its line, never with yaml-cpp's English
// (issue 20 trial: « end of map not found », « illegal map value »).
TEST(KnowledgeData, MalformedFilesAreRefusedInFrenchAtTheirLine) {
  // A key one space short of its entry's other keys.
  EXPECT_EQ(refusal(replaced(kGood, "    theme: sauvegarde", "   theme: sauvegarde")),
            "f.yaml:11: indentation incorrecte : cette ligne n'est pas alignée sur les clés de "
            "son bloc ni sur les éléments « - » de sa liste");
  // A tab in the indentation.
  EXPECT_EQ(refusal(replaced(kGood, "    theme: sauvegarde", "\ttheme: sauvegarde")),
            "f.yaml:11: tabulation dans l'indentation : indentez avec des espaces, jamais avec "
            "des tabulations");
  // A quote not closed: yaml-cpp stops at the next line.
  auto r = refusal(replaced(kGood, "title: \"Offre régionale\"", "title: \"Offre régionale"));
  EXPECT_EQ(r.rfind("f.yaml:10: indentation incorrecte ou guillemet non refermé", 0), 0u) << r;
  // A text holding « : » not quoted.
  r = refusal(replaced(kGood, "provider: \"GRADeS\"", "provider: GRADeS : Pays: Loire"));
  EXPECT_EQ(r.rfind("f.yaml:8: « : » inattendu", 0), 0u) << r;
  // A list not closed: found at the line where yaml-cpp gives up, the next one.
  EXPECT_EQ(refusal(replaced(kGood, "audiences: [sanitaire]", "audiences: [sanitaire")),
            "f.yaml:13: crochet « [ » non refermé par « ] »");
  // A mapping where a list is expected, and the other way round.
  EXPECT_EQ(refusal(replaced(kGood, "audiences: [sanitaire]", "audiences: {sanitaire: oui}")),
            "f.yaml:12: audiences : une liste est attendue");
  EXPECT_EQ(refusal("schema_version: 1\nkind: knowledge\nentries:\n  id: a\n"),
            "f.yaml:4: la liste « entries » est attendue");
  // None of yaml-cpp's words reach the reader.
  for (const auto& bad : {replaced(kGood, "    theme: sauvegarde", "   theme: sauvegarde"),
                          replaced(kGood, "audiences: [sanitaire]", "audiences: [sanitaire")}) {
    auto m = refusal(bad);
    for (const char* english : {"not found", "illegal", "map", "sequence", "end of"})
      EXPECT_EQ(m.find(english), std::string::npos) << m;
  }
}

// key dates of the 2024 domain-1 calendar do not cite the 2025 instruction.
TEST(KnowledgeData, ASourceNamingAFileIsRefused) {
  for (const char* bad : {"Page du programme CaRE ; DOMAIN.md", "notes (/work/shared/notes)",
                          "docs/knowledge.md", "voir data/knowledge/faq.yaml"}) {
    auto r = refusal(replaced(kGood, "source: \"essai\"", std::string("source: \"") + bad + "\""));
    EXPECT_NE(r.find("source : nommez la source publique"), std::string::npos) << bad << ": " << r;
  }
  for (const char* good :
       {"Instruction DNS/2025/12 du 22 janvier 2025", "Page du programme CaRE (ANS), D2.O1.C",
        "Arrêté du 18 mars 2024", "https://esante.gouv.fr/programme-care.html"})
    EXPECT_EQ(
        refusal(replaced(kGood, "source: \"essai\"", std::string("source: \"") + good + "\"")),
        "accepted")
        << good;
  for (const auto& e : embedded_entries(builtin_known_codes())) {
    EXPECT_FALSE(e.source.empty()) << e.id;
    EXPECT_EQ(e.source.find("DOMAIN"), std::string::npos) << e.id;
    EXPECT_EQ(e.source.find(".md"), std::string::npos) << e.id;
    if (e.kind == "date" && e.date && e.date->year() == std::chrono::year{2024}) {
      EXPECT_EQ(e.source.find("DNS/2025/12"), std::string::npos) << e.id << ": " << e.source;
    }
  }
}

TEST(KnowledgeData, TheExportReadsBackTheSameEntries) {
  auto known = builtin_known_codes();
  auto all = embedded_entries(known);
  auto text = export_yaml(all, "export");
  auto back = load_entries("export.yaml", text, embedded_vocabulary(), known);
  ASSERT_EQ(back.size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(back[i].id, all[i].id);
    EXPECT_EQ(back[i].summary, all[i].summary);
    EXPECT_EQ(back[i].objectives, all[i].objectives);
    EXPECT_EQ(back[i].date, all[i].date);
    EXPECT_EQ(back[i].paliers, all[i].paliers);
  }
}

}  // namespace carepilot::knowledge

namespace carepilot::knowledge {

namespace payload_test_detail {
// What reading a payload gives: the entry (as entry_json writes it), or the error.
std::string read_with(const std::string& payload, bool through_document) {
  try {
    Entry e = through_document ? entry_from_json(nlohmann::json::parse(payload))
                               : entry_from_payload(payload);
    return entry_json(e).dump();
  } catch (const UserError& err) {
    std::string fields;
    for (const auto& f : err.fields()) fields += f.field + "/" + f.code + "/" + f.message + ";";
    return "UserError " + std::to_string(err.status()) + " " + err.code() + " " + err.what() + " " +
           fields;
  } catch (const nlohmann::json::parse_error& err) {
    return std::string("parse_error ") + err.what();
  }
}
}  // namespace payload_test_detail

// The search reads its hits' stored payloads without building the JSON document
// (entry_from_payload): every shipped entry, and any payload, reads as the document reads it.
TEST(KnowledgeData, StoredPayloadsReadAsTheirDocument) {
  using payload_test_detail::read_with;
  int dated = 0;
  for (const auto& e : embedded_entries(builtin_known_codes())) {
    const std::string payload = entry_json(e).dump();
    EXPECT_EQ(read_with(payload, false), payload) << e.id;
    EXPECT_EQ(read_with(payload, false), read_with(payload, true)) << e.id;
    dated += e.date ? 1 : 0;
  }
  EXPECT_GT(dated, 0);
  for (const std::string payload :
       {// Valid, in shapes entry_json does not write: nulls, a repeated key (the last one
        // counts), keys of no field with a plain value, an empty list, both dates; then a
        // key of no field holding a list or an object (read through the document).
        R"({"id":"a","kind":"faq","region":null,"keywords":["x","y"],"keywords":["z"],)"
        R"("n":3,"f":1.5,"b":true,"z":null,"paliers":[],"audiences":["s"],"audiences":null,)"
        R"("date":"2025-07-03","end":"2025-07-04","title":"T","title":"U","kind":null})",
        R"({"audiences":null,"date":null,"end":"","summary":"é\u00e9\n"})",
        R"({"id":"a","extra":{"n":[1]},"list":[["x"]]})", R"({})",
        // Refused: each with entry_from_json's error.
        R"({"id":5})", R"({"keywords":"x"})", R"({"keywords":[null]})", R"({"keywords":["a",1]})",
        R"({"keywords":[["a"]]})", R"({"title":["a"]})", R"({"title":{"a":"b"}})",
        R"({"date":"03/07/2025"})", R"({"end":"2025-02-30"})", R"({"date":"2025-07-03","end":"x"})",
        R"({"region":false})",
        // Not an object, or not JSON.
        R"([1])", R"(null)", R"("id")", R"(not json)", R"({"id":"a"} x)", R"({"id":"a")", ""})
    EXPECT_EQ(read_with(payload, false), read_with(payload, true)) << payload;
}

}  // namespace carepilot::knowledge
