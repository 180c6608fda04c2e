#include "training/demo.hpp"

namespace carepilot::training {

namespace {

constexpr int kHeadcounts[] = {150, 650, 200, 150, 50};     // the default categories: 1 200
constexpr int kTrained2025[] = {1000, 850, 600, 650, 300};  // by profile
constexpr int kTrained2024[] = {700, 500, 350, 400, 150};

CoverageInput year_input(int year, int trained_total) {
  CoverageInput in;
  in.year = year;
  const auto& names = default_categories();
  for (std::size_t i = 0; i < names.size(); ++i) {
    Category c;
    c.name = names[i];
    c.headcount = kHeadcounts[i];
    c.trained = c.headcount * trained_total / 1200;
    c.trained_initial = c.trained / 4;
    c.trained_continuing = c.trained - c.trained_initial / 2;
    in.categories.push_back(c);
  }
  return in;
}

}  // namespace

int seed_demo(Repository& repo, registry::Repository& registry, const Date& today) {
  int created = 0;
  registry::EstablishmentFilter f;
  f.per_page = 200;
  auto page = registry.list(Scope::nation(), f);
  int index = 0;
  const Actor actor{"demo", "", ""};
  for (const auto& item : page.items) {
    if (!item.is_demo) continue;
    int profile = index++ % 5;  // the profiles of evidence/demo.cpp
    const auto& finess = item.finess_et;
    if (!repo.years(Scope::nation(), finess).empty() ||
        !repo.campaigns(Scope::nation(), finess).empty())
      continue;
    for (auto [year, trained] :
         {std::pair{2024, kTrained2024[profile]}, std::pair{2025, kTrained2025[profile]}}) {
      if (std::chrono::year(year) > today.year()) continue;
      repo.save(Scope::nation(), finess, year_input(year, trained), today, actor);
      ++created;
    }
    CampaignInput phishing;
    phishing.has_date = phishing.has_kind = true;
    phishing.campaign.date = *parse_date("2025-03-12");
    phishing.campaign.title = "Simulation d'hameçonnage « colis en attente »";
    phishing.campaign.kind = CampaignKind::phishing;
    phishing.campaign.audience = "Tout le personnel disposant d'une messagerie";
    phishing.campaign.targeted = 1100;
    phishing.campaign.participants = 1100;
    phishing.campaign.emails_sent = 1100;
    phishing.campaign.clicks = 90 + 30 * profile;
    phishing.campaign.credentials = 20 + 8 * profile;
    phishing.campaign.reports = 260 - 40 * profile;
    CampaignInput session;
    session.has_date = session.has_kind = true;
    session.campaign.date = *parse_date("2025-10-08");
    session.campaign.title = "Mois de la cybersécurité : sessions de 30 minutes par service";
    session.campaign.kind = CampaignKind::session;
    session.campaign.audience = "Personnel soignant et paramédical";
    session.campaign.targeted = 650;
    session.campaign.participants = 480 - 50 * profile;
    for (const auto* c : {&phishing, &session}) {
      if (c->campaign.date > today) continue;
      repo.add_campaign(Scope::nation(), finess, *c, today, actor);
      ++created;
    }
  }
  return created;
}

}  // namespace carepilot::training
