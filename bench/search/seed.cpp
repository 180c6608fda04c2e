// Fills a carepilot database with the knowledge search benchmark: the shipped entries of
// data/knowledge plus N synthetic offers (default 20,000) whose French text is drawn from a
// fixed vocabulary (deterministic seed), through Repository::seed (one transaction, the same
// index terms as the application writes). Usage: bench_search_seed DATABASE_URL [entries]
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "knowledge/data.hpp"
#include "knowledge/known.hpp"
#include "knowledge/repository.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

int main(int argc, char** argv) {
  using namespace carepilot;
  if (argc < 2) {
    std::cerr << "usage: bench_search_seed DATABASE_URL [entries]\n";
    return 2;
  }
  const int n = argc > 2 ? std::stoi(argv[2]) : 20000;
  auto db = store::Database::open(argv[1], 1);
  store::migrate(*db);
  knowledge::Repository repo(*db, knowledge::embedded_vocabulary(),
                             knowledge::builtin_known_codes());
  auto entries = knowledge::embedded_entries(repo.known());
  const std::vector<std::string> words{
      "accompagnement",   "sauvegardes", "restauration",    "continuité",
      "exercice",         "crise",       "annuaire",        "exposition",
      "internet",         "formation",   "sensibilisation", "hameçonnage",
      "authentification", "badges",      "financement",     "établissements",
      "médico-social",    "régional",    "plateforme",      "incident",
      "supervision",      "immuable",    "copie",           "audit",
      "référentiel",      "gouvernance", "politique",       "sécurité",
      "système",          "information", "service",         "outil",
      "atelier",          "webinaire",   "diagnostic",      "journalisation",
      "détection",        "poste",       "télétravail",     "messagerie"};
  const std::vector<std::string> themes{"gouvernance",    "continuite",  "sauvegarde",
                                        "identification", "annuaire",    "exposition",
                                        "incident",       "financement", "formation"};
  const std::vector<std::string> kinds{"service", "tool", "training", "funding"};
  std::vector<std::string> regions(repo.known().regions.begin(), repo.known().regions.end());
  std::mt19937 rng(20);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  for (int i = 0; i < n; ++i) {
    knowledge::Entry e;
    e.id = "bench-" + std::to_string(i);
    e.kind = "offer";
    e.offer_kind = pick(kinds);
    e.provider = "Prestataire " + std::to_string(i % 300);
    e.title = "Offre " + pick(words) + " " + pick(words) + " " + std::to_string(i);
    for (int w = 0; w < 40; ++w) e.summary += (w ? " " : "") + pick(words);
    e.summary += ".";
    e.theme = pick(themes);
    e.audiences = {rng() % 2 ? "sanitaire" : "medico_social"};
    if (rng() % 3 == 0) e.region = pick(regions);
    entries.push_back(std::move(e));
  }
  int inserted = repo.seed(entries, Actor{"bench", "", "", ""});
  std::cout << inserted << " entries\n";
  return 0;
}
