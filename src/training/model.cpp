#include "training/model.hpp"

namespace carepilot::training {

std::int64_t Coverage::staff() const {
  std::int64_t n = 0;
  for (const auto& c : categories) n += c.headcount;
  return n;
}

std::int64_t Coverage::trained() const {
  std::int64_t n = 0;
  for (const auto& c : categories) n += c.trained;
  return n;
}

const std::vector<std::string>& default_categories() {
  static const std::vector<std::string> names{
      "Personnel médical", "Personnel soignant et paramédical", "Personnel administratif",
      "Personnel technique et logistique", "Direction"};
  return names;
}

std::string_view kind_name(CampaignKind k) {
  switch (k) {
    case CampaignKind::phishing:
      return "phishing";
    case CampaignKind::elearning:
      return "elearning";
    case CampaignKind::session:
      return "session";
    case CampaignKind::poster:
      return "poster";
    case CampaignKind::other:
      return "other";
  }
  return "other";
}

std::string_view kind_label(CampaignKind k) {
  switch (k) {
    case CampaignKind::phishing:
      return "Simulation d'hameçonnage";
    case CampaignKind::elearning:
      return "Module en ligne";
    case CampaignKind::session:
      return "Session de sensibilisation";
    case CampaignKind::poster:
      return "Affichage et communication";
    case CampaignKind::other:
      return "Autre";
  }
  return "Autre";
}

std::optional<CampaignKind> parse_kind(std::string_view name) {
  for (auto k : kCampaignKinds)
    if (kind_name(k) == name) return k;
  return std::nullopt;
}

std::optional<std::int64_t> permille(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  if (part <= 0) return 0;
  return (2000 * part + whole) / (2 * whole);
}

std::optional<std::int64_t> share_trained(const Coverage& c) {
  return permille(c.trained(), c.staff());
}

std::optional<std::int64_t> share_trained(const Category& c) {
  return permille(c.trained, c.headcount);
}

Rates rates(const Campaign& c) {
  auto of = [](const std::optional<int>& part, const std::optional<int>& whole) {
    return part && whole ? permille(*part, *whole) : std::nullopt;
  };
  return {of(c.clicks, c.emails_sent), of(c.credentials, c.emails_sent),
          of(c.reports, c.emails_sent), of(c.participants, c.targeted)};
}

std::string french_percent(std::optional<std::int64_t> pm) {
  if (!pm) return "—";
  return std::to_string(*pm / 10) + "," + std::to_string(*pm % 10) + "\u00a0%";
}

std::optional<int> parse_year(std::string_view text) {
  if (text.size() != 4) return std::nullopt;
  int y = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    y = y * 10 + (c - '0');
  }
  return y;
}

}  // namespace carepilot::training
