#include "evidence/calendar.hpp"

#include <date/tz.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace carepilot::evidence {

namespace {

using namespace std::chrono;

// TEXT value escaping (RFC 5545 §3.3.11).
std::string ical_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out.push_back(c);
    }
  }
  return out;
}

std::string compact(const Date& d) {
  std::string s = format_date(d);
  return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

std::string share_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

}  // namespace

Date paris_date(system_clock::time_point now) {
  // Howard Hinnant's tz library over the system's tzdata (the tzdata package).
  static const date::time_zone* paris = date::locate_zone("Europe/Paris");
  auto local = paris->to_local(time_point_cast<seconds>(now));
  auto d = date::year_month_day{date::floor<date::days>(local)};
  return Date{year{static_cast<int>(d.year())}, month{static_cast<unsigned>(d.month())},
              day{static_cast<unsigned>(d.day())}};
}

std::string fold_line(std::string_view line) {
  std::string out;
  std::size_t used = 0;  // octets on the current physical line
  std::size_t i = 0;
  while (i < line.size()) {
    auto c = static_cast<unsigned char>(line[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 1;
    if (i + len > line.size()) len = line.size() - i;
    if (used + len > 75) {
      out += "\r\n ";
      used = 1;
    }
    out.append(line.substr(i, len));
    used += len;
    i += len;
  }
  return out;
}

std::string to_icalendar(const std::string& finess, const std::string& establishment_name,
                         const std::vector<Deadline>& deadlines, const std::string& stamp) {
  std::string out;
  auto line = [&out](std::string_view l) {
    out += fold_line(l);
    out += "\r\n";
  };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//carepilot//Echeances DNS/2025/12//FR");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + ical_text("Échéances cyber — " + establishment_name));
  for (const auto& d : deadlines) {
    line("BEGIN:VEVENT");
    line("UID:" + finess + "-" + d.obligation_id + "-" + compact(d.date) + "@carepilot");
    line("DTSTAMP:" + stamp);
    line("DTSTART;VALUE=DATE:" + compact(d.date));
    line("DTEND;VALUE=DATE:" + compact(add_days(d.date, 1)));
    line("SUMMARY:" + ical_text("Échéance : " + d.title + " (" + establishment_name + ")"));
    line("DESCRIPTION:" +
         ical_text("Obligation " + d.obligation_id + " de l'établissement " + finess +
                   ", à satisfaire au plus tard le " + format_date(d.date) + "."));
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

std::string dashboard_csv(const engine::Aggregate& a) {
  std::string out =
      "obligation,titre,applicables,satisfaites,a_echeance,en_retard,non_applicables,"
      "part_satisfaites,part_a_echeance,part_en_retard,cible,cible_atteinte,etablissements_en_"
      "retard\r\n";
  for (const auto& o : a.obligations) {
    auto idx = [](engine::Status s) { return static_cast<std::size_t>(s); };
    out += csv_cell(o.id) + "," + csv_cell(o.title) + "," + std::to_string(o.applicable) + "," +
           std::to_string(o.count[idx(engine::Status::met)]) + "," +
           std::to_string(o.count[idx(engine::Status::due)]) + "," +
           std::to_string(o.count[idx(engine::Status::overdue)]) + "," +
           std::to_string(o.count[idx(engine::Status::not_applicable)]) + "," +
           share_text(o.share_of_applicable[idx(engine::Status::met)]) + "," +
           share_text(o.share_of_applicable[idx(engine::Status::due)]) + "," +
           share_text(o.share_of_applicable[idx(engine::Status::overdue)]) + "," +
           (o.target ? share_text(*o.target) : "") + "," +
           (o.target_reached ? (*o.target_reached ? "oui" : "non") : "") + "," +
           csv_cell(join(o.overdue, " ")) + "\r\n";
  }
  return out;
}

std::string dashboard_xlsx(const engine::Aggregate& a) {
  std::random_device rd;
  auto path = std::filesystem::temp_directory_path() /
              ("carepilot-dashboard-" + std::to_string(rd()) + std::to_string(rd()) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.string().c_str());
  if (!wb) throw std::runtime_error("xlsx: cannot create " + path.string());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* pct = workbook_add_format(wb);
  format_set_num_format(pct, "0.0%");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Obligations");
  const char* heads[] = {
      "Obligation", "Titre",           "Applicables",      "Satisfaites",     "À échéance",
      "En retard",  "Non applicables", "Part satisfaites", "Part à échéance", "Part en retard",
      "Cible"};
  for (lxw_col_t c = 0; c < 11; ++c) worksheet_write_string(ws, 0, c, heads[c], bold);
  lxw_row_t r = 1;
  for (const auto& o : a.obligations) {
    auto idx = [](engine::Status s) { return static_cast<std::size_t>(s); };
    worksheet_write_string(ws, r, 0, o.id.c_str(), nullptr);
    worksheet_write_string(ws, r, 1, o.title.c_str(), nullptr);
    worksheet_write_number(ws, r, 2, o.applicable, nullptr);
    worksheet_write_number(ws, r, 3, o.count[idx(engine::Status::met)], nullptr);
    worksheet_write_number(ws, r, 4, o.count[idx(engine::Status::due)], nullptr);
    worksheet_write_number(ws, r, 5, o.count[idx(engine::Status::overdue)], nullptr);
    worksheet_write_number(ws, r, 6, o.count[idx(engine::Status::not_applicable)], nullptr);
    worksheet_write_number(ws, r, 7, o.share_of_applicable[idx(engine::Status::met)], pct);
    worksheet_write_number(ws, r, 8, o.share_of_applicable[idx(engine::Status::due)], pct);
    worksheet_write_number(ws, r, 9, o.share_of_applicable[idx(engine::Status::overdue)], pct);
    if (o.target) worksheet_write_number(ws, r, 10, *o.target, pct);
    ++r;
  }
  lxw_worksheet* late = workbook_add_worksheet(wb, "En retard");
  worksheet_write_string(late, 0, 0, "FINESS", bold);
  worksheet_write_string(late, 0, 1, "Établissement", bold);
  worksheet_write_string(late, 0, 2, "Obligations en retard", bold);
  r = 1;
  for (const auto& l : a.late) {
    worksheet_write_string(late, r, 0, l.finess.c_str(), nullptr);
    worksheet_write_string(late, r, 1, l.name.c_str(), nullptr);
    worksheet_write_string(late, r, 2, join(l.overdue, ", ").c_str(), nullptr);
    ++r;
  }
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

}  // namespace carepilot::evidence
