#include "assessment/demo.hpp"

#include "assessment/repository.hpp"

namespace carepilot::assessment {

int seed_demo(store::Database& db, registry::Repository& registry, evidence::Repository& evidence,
              const Date& today) {
  Repository repo(db, registry, evidence);
  const Actor demo{"demo", "", ""};
  const auto& f = default_framework();
  const int year = static_cast<int>(today.year());
  registry::EstablishmentFilter filter;
  filter.per_page = 200;
  auto page = registry.list(Scope::nation(), filter);
  int created = 0, index = 0;
  for (const auto& item : page.items) {
    if (!item.is_demo) continue;
    if (!repo.list(Scope::nation(), item.finess_et).empty()) continue;
    const int profile = index++ % 4;
    // Answers: every requirement of the first sections, levels spread by profile.
    auto answers_for = [&](int shift, std::size_t sections) {
      std::vector<AnswerInput> in;
      int k = 0;
      for (std::size_t s = 0; s < f.sections.size() && s < sections; ++s)
        for (const auto& r : f.sections[s].requirements) {
          int level = (k++ + shift) % (f.max_level() + 1);
          in.push_back({r.id, level, level == f.max_level() ? "Preuve disponible." : ""});
        }
      return in;
    };
    // The Cholet-Mauges demo establishment (and the first one) gets a declared previous year.
    bool with_previous = profile == 0 || item.name.find("Cholet") != std::string::npos;
    if (with_previous) {
      repo.save_answers(Scope::nation(), item.finess_et, year - 1,
                        answers_for(0, f.sections.size()), today, demo);
      Date declared{std::chrono::year(year - 1), std::chrono::month(11), std::chrono::day(15)};
      if (declared <= today)
        repo.declare(Scope::nation(), item.finess_et, year - 1,
                     DeclarationInput{declared, declared}, today, demo);
      ++created;
    }
    repo.save_answers(Scope::nation(), item.finess_et, year,
                      answers_for(profile + 1, 1 + static_cast<std::size_t>(profile % 3)), today,
                      demo);
    ++created;
  }
  return created;
}

}  // namespace carepilot::assessment
