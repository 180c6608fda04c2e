#include "engine/evidence.hpp"

namespace carepilot::engine {

namespace {
int text_slot(EvidenceType type, int field) {
  return referential::evidence_spec(type).fields[static_cast<std::size_t>(field)].text_slot;
}
}  // namespace

void Evidence::set_date(int field, const Date& d) {
  set_number(field, static_cast<double>(std::chrono::sys_days{d}.time_since_epoch().count()));
}

Date Evidence::date_of(int field) const {
  return Date{std::chrono::sys_days{std::chrono::days{static_cast<int>(number(field))}}};
}

void Evidence::set_text(int field, std::string v) {
  text[static_cast<std::size_t>(text_slot(type, field))] = std::move(v);
  present = static_cast<std::uint8_t>(present | (1U << field));
}

const std::string& Evidence::text_of(int field) const {
  return text[static_cast<std::size_t>(text_slot(type, field))];
}

}  // namespace carepilot::engine
