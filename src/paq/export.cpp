#include "paq/export.hpp"

#include <cstdint>

#include "common/xlsx.hpp"
#include "paq/source_ref.hpp"

namespace carepilot::paq {

namespace {

// "2026-11-23T10:00:00Z" → "23/11/2026" (the day of a UTC timestamp).
std::string timestamp_day(const std::string& iso) {
  auto d = parse_date(iso.substr(0, 10));
  return d ? french_date(*d) : iso;
}

// The values of one row, as text (the CSV; the XLSX writes dates and numbers natively).
std::vector<std::string> row_text(const Action& a, const Date& today) {
  return {std::to_string(a.id),
          a.title,
          a.description,
          std::string(source_label(a.source)),
          a.source_ref.empty() ? "" : source_ref_text(a.source_ref),
          a.owner,
          a.due ? french_date(*a.due) : "",
          std::string(priority_label(a.priority)),
          std::string(status_label(a.status)),
          std::to_string(a.progress),
          a.cyber ? "Oui" : "Non",
          a.overdue(today) ? "Oui" : "Non",
          timestamp_day(a.created_at),
          french_date(a.updated_on),
          a.notes.empty() ? "" : a.notes.back().note};
}

}  // namespace

const std::vector<std::string>& export_columns() {
  static const std::vector<std::string> cols{"Identifiant",
                                             "Titre",
                                             "Description",
                                             "Origine",
                                             "Référence origine",
                                             "Pilote",
                                             "Échéance (JJ/MM/AAAA)",
                                             "Priorité",
                                             "Statut",
                                             "Avancement (%)",
                                             "Cyber",
                                             "En retard",
                                             "Créée le",
                                             "Mise à jour le",
                                             "Dernière note"};
  return cols;
}

std::string actions_csv(const std::vector<Action>& actions, const Date& today) {
  exports::Csv csv(export_columns());
  for (const auto& a : actions) csv.row(row_text(a, today));
  return csv.str();
}

std::string actions_xlsx(const std::vector<Action>& actions, const Date& today) {
  exports::Workbook wb;
  auto ws = wb.sheet("PAQ");
  ws.header(export_columns(), {11, 40, 50, 22, 20, 24, 14, 11, 13, 12, 8, 10, 12, 14, 50},
            {1, 2, 14});
  std::uint32_t r = 1;
  for (const auto& a : actions) {
    auto text = row_text(a, today);
    auto str = [&](int c) { ws.text(r, c, text[static_cast<std::size_t>(c)]); };
    ws.number(r, 0, static_cast<double>(a.id));
    for (int c : {1, 2, 3, 4, 5}) str(c);
    if (a.due) ws.date(r, 6, *a.due);
    for (int c : {7, 8}) str(c);
    ws.number(r, 9, a.progress);
    for (int c : {10, 11}) str(c);
    if (auto created = parse_date(a.created_at.substr(0, 10)))
      ws.date(r, 12, *created);
    else
      str(12);
    ws.date(r, 13, a.updated_on);
    str(14);
    ++r;
  }
  ws.freeze_header(true, r - 1);
  return wb.bytes();
}

}  // namespace carepilot::paq
