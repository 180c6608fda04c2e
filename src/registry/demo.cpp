#include "registry/demo.hpp"

#include <algorithm>
#include <cstdio>

#include "common/finess.hpp"

namespace carepilot::registry {

namespace {

struct DemoEstablishment {
  const char* name;
  const char* type;
  const char* department;
  const char* city;
  int ght;  // index into the GHT list, -1 for none
  std::vector<std::string> services;
};

const std::vector<std::string> kFull{"urgences",       "chirurgie",  "reanimation",
                                     "maternite",      "pharmacie",  "imagerie",
                                     "laboratoire",    "medecine",   "pediatrie",
                                     "administration", "admissions", "ressources_humaines"};
const std::vector<std::string> kCh{"urgences",    "chirurgie", "pharmacie",     "imagerie",
                                   "laboratoire", "medecine",  "administration"};
const std::vector<std::string> kSmallCh{"urgences", "pharmacie", "imagerie", "medecine",
                                        "administration"};
const std::vector<std::string> kClinic{"chirurgie", "imagerie", "pharmacie", "medecine",
                                       "administration"};
const std::vector<std::string> kPsy{"psychiatrie", "pharmacie", "administration"};
const std::vector<std::string> kEhpad{"hebergement", "administration"};

const std::vector<DemoEstablishment>& demo_establishments() {
  static const std::vector<DemoEstablishment> list{
      {"CHU de Nantes-Estuaire (démo)", "chu", "44", "NANTES", 0, kFull},
      {"Centre hospitalier de Saint-Brévin-Océan (démo)", "ch", "44", "SAINT-BREVIN", 0, kCh},
      {"Centre hospitalier de Clisson-Sèvre (démo)", "ch", "44", "CLISSON", 0, kSmallCh},
      {"Centre hospitalier de Châteaubriant-Mée (démo)", "ch", "44", "CHATEAUBRIANT", 0, kCh},
      {"CHS Loire-Atlantique Nord (démo)", "chs", "44", "BLAIN", 0, kPsy},
      {"Clinique de l'Erdre (démo)", "clinique", "44", "NANTES", -1, kClinic},
      {"Clinique du Sillon (démo)", "clinique", "44", "SAINT-HERBLAIN", -1, kClinic},
      {"Institut de cancérologie de l'Ouest-Estuaire (démo)",
       "clcc",
       "44",
       "SAINT-HERBLAIN",
       -1,
       {"oncologie", "imagerie", "pharmacie", "laboratoire", "chirurgie", "administration"}},
      {"Centre de radiothérapie de la Baule (démo)",
       "radiotherapie",
       "44",
       "LA BAULE",
       -1,
       {"oncologie", "imagerie", "administration"}},
      {"HAD Estuaire (démo)",
       "had",
       "44",
       "NANTES",
       -1,
       {"medecine", "pharmacie", "administration"}},
      {"EHPAD Les Tilleuls (démo)", "ehpad", "44", "REZE", -1, kEhpad},
      {"EHPAD Bords de Loire (démo)", "ehpad", "44", "ANCENIS", -1, kEhpad},
      {"Centre hospitalier d'Angers-Maine (démo)", "chu", "49", "ANGERS", 1, kFull},
      {"Centre hospitalier de Cholet-Mauges (démo)", "ch", "49", "CHOLET", 1, kCh},
      {"Centre hospitalier de Saumur-Val (démo)", "ch", "49", "SAUMUR", 1, kSmallCh},
      {"CESAME Anjou (démo)", "chs", "49", "SAINTE-GEMMES", 1, kPsy},
      {"Hôpital Saint-Joseph d'Anjou (démo)", "espic", "49", "ANGERS", -1, kCh},
      {"Clinique de l'Anjou Bleu (démo)", "clinique", "49", "ANGERS", -1, kClinic},
      {"SMR Les Rives du Loir (démo)",
       "smr",
       "49",
       "SEICHES",
       1,
       {"readaptation", "pharmacie", "administration"}},
      {"EHPAD La Roseraie (démo)", "ehpad", "49", "TRELAZE", -1, kEhpad},
      {"MAS Le Verger (démo)", "mas", "49", "BEAUFORT", -1, kEhpad},
      {"Centre hospitalier du Mans-Sarthe (démo)", "ch", "72", "LE MANS", 2, kFull},
      {"Centre hospitalier de la Ferté-Huisne (démo)", "ch", "72", "LA FERTE-BERNARD", 2, kSmallCh},
      {"Pôle santé Sarthe-Loir (démo)", "espic", "72", "LA FLECHE", 2, kCh},
      {"Clinique du Tertre (démo)", "clinique", "72", "LE MANS", -1, kClinic},
      {"HAD Sarthe (démo)", "had", "72", "LE MANS", 2, {"medecine", "administration"}},
      {"Centre de dialyse du Maine (démo)",
       "dialyse",
       "72",
       "LE MANS",
       -1,
       {"medecine", "administration"}},
      {"EHPAD Le Clos Fleuri (démo)", "ehpad", "72", "MAMERS", -1, kEhpad},
  };
  return list;
}

}  // namespace

std::string with_luhn_key(const std::string& body8) {
  for (char k = '0'; k <= '9'; ++k) {
    std::string n = body8 + k;
    if (finess_valid(n)) return n;
  }
  return body8 + "0";  // unreachable: one digit always completes a Luhn sum
}

DemoSummary load_demo(Repository& repo) {
  DemoSummary sum;
  const Scope nation = Scope::nation();
  repo.seed_regions();
  struct G {
    const char* code;
    const char* name;
  };
  const std::vector<G> ghts{{"DEMO-44", "GHT Démo Loire-Estuaire (démo)"},
                            {"DEMO-49", "GHT Démo Maine-et-Loire (démo)"},
                            {"DEMO-72", "GHT Démo Sarthe (démo)"}};
  std::vector<std::int64_t> ght_ids;
  auto existing = repo.ghts(nation, "52");
  for (const auto& g : ghts) {
    auto it = std::find_if(existing.begin(), existing.end(),
                           [&](const Ght& e) { return e.code == g.code; });
    if (it != existing.end()) {
      ght_ids.push_back(it->id);
      continue;
    }
    Ght ng;
    ng.code = g.code;
    ng.name = g.name;
    ng.region_code = "52";
    ng.is_demo = true;
    ght_ids.push_back(repo.create_ght(nation, ng).id);
    ++sum.ghts;
  }
  int seq = 0;
  for (const auto& d : demo_establishments()) {
    ++seq;
    char body[16];
    // Fictional numbers: department, then 9900 and a sequence, then the Luhn key.
    std::snprintf(body, sizeof body, "%s99%04d", d.department, seq);
    EstablishmentInput in;
    in.finess_et = with_luhn_key(body);
    // One legal entity with two sites: the Clinique du Sillon (7) belongs to the legal entity of
    // the Clinique de l'Erdre (6), a private group outside the GHTs (the 66 % rule of
    // continuity then applies to their combined activity).
    std::snprintf(body, sizeof body, "%s98%04d", d.department, seq == 7 ? 6 : seq);
    in.finess_ej = with_luhn_key(body);
    in.name = d.name;
    in.type = d.type;
    in.department = d.department;
    in.city = d.city;
    if (d.ght >= 0) in.ght_id = ght_ids[static_cast<std::size_t>(d.ght)];
    in.services = d.services;
    in.is_demo = true;
    if (repo.find(nation, in.finess_et)) continue;
    repo.create(nation, in);
    ++sum.establishments;
  }
  sum.already_loaded = sum.ghts == 0 && sum.establishments == 0;
  return sum;
}

}  // namespace carepilot::registry
