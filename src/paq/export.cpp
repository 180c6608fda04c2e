#include "paq/export.hpp"

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

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
          a.source_ref,
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

lxw_datetime excel_date(const Date& d) {
  return {static_cast<int>(d.year()),
          static_cast<int>(static_cast<unsigned>(d.month())),
          static_cast<int>(static_cast<unsigned>(d.day())),
          0,
          0,
          0.0};
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
  std::random_device rd;
  auto path = std::filesystem::temp_directory_path() /
              ("carepilot-paq-" + std::to_string(rd()) + std::to_string(rd()) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.string().c_str());
  if (!wb) throw std::runtime_error("xlsx: cannot create " + path.string());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_text_wrap(bold);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "PAQ");
  const auto& cols = export_columns();
  const double widths[] = {11, 40, 50, 22, 20, 24, 14, 11, 13, 12, 8, 10, 12, 14, 50};
  for (lxw_col_t c = 0; c < cols.size(); ++c) {
    worksheet_set_column(ws, c, c, widths[c], c == 1 || c == 2 || c == 14 ? wrap : nullptr);
    worksheet_write_string(ws, 0, c, exports::xml_text(cols[c]).c_str(), bold);
  }
  lxw_row_t r = 1;
  for (const auto& a : actions) {
    auto text = row_text(a, today);
    auto str = [&](lxw_col_t c) {
      worksheet_write_string(ws, r, c, exports::xml_text(text[c]).c_str(), nullptr);
    };
    auto day = [&](lxw_col_t c, const Date& d) {
      lxw_datetime dt = excel_date(d);
      worksheet_write_datetime(ws, r, c, &dt, date);
    };
    worksheet_write_number(ws, r, 0, static_cast<double>(a.id), nullptr);
    for (lxw_col_t c : {1, 2, 3, 4, 5}) str(c);
    if (a.due) day(6, *a.due);
    for (lxw_col_t c : {7, 8}) str(c);
    worksheet_write_number(ws, r, 9, a.progress, nullptr);
    for (lxw_col_t c : {10, 11}) str(c);
    if (auto created = parse_date(a.created_at.substr(0, 10)))
      day(12, *created);
    else
      str(12);
    day(13, a.updated_on);
    str(14);
    ++r;
  }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_autofilter(ws, 0, 0, r > 1 ? r - 1 : 1, static_cast<lxw_col_t>(cols.size() - 1));
  lxw_error err = workbook_close(wb);
  std::string bytes;
  if (err == LXW_NO_ERROR) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
  }
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (err != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(err));
  return bytes;
}

}  // namespace carepilot::paq
