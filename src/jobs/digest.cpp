#include "jobs/digest.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <stdexcept>

#include "common/export.hpp"
#include "common/french.hpp"
#include "evidence/stored.hpp"
#include "jobs/runner.hpp"
#include "jobs/schedule.hpp"
#include "store/transaction.hpp"

namespace carepilot::jobs {

using soci::into;
using soci::use;

namespace {

// "1 échéance", "3 échéances": French plural (0 and 1 singular).
std::string count_of(int n, const std::string& one, const std::string& many) {
  return french_integer(n) + " " + (n > 1 ? many : one);
}

std::string scope_key(const Scope& s) {
  return std::to_string(level_rank(s.level)) + ":" + s.region_code + ":" +
         std::to_string(s.ght_id) + ":" + std::to_string(s.establishment_id);
}

}  // namespace

ScopeStatuses stored_statuses(evidence::Repository& evidence) {
  return [&evidence](const Scope& scope, const Date& today) {
    std::vector<engine::EstablishmentReport> out;
    for (auto& r : evidence::reports_as_of(evidence.database(), evidence, scope, {}, today))
      out.push_back(std::move(r.report));
    return out;
  };
}

ScopeStatuses engine_statuses(evidence::Repository& evidence) {
  return [&evidence](const Scope& scope, const Date& today) {
    std::vector<engine::EstablishmentReport> out;
    for (const auto& loaded : evidence.load_all(scope, {}, false))
      out.push_back(evidence.compliance(loaded, today));
    return out;
  };
}

bool DigestContent::empty() const {
  if (summarised) {
    for (const auto& c : counts)
      if (c.coming > 0 || c.newly_overdue > 0) return false;
    return true;
  }
  return coming.empty() && newly_overdue.empty();
}

DigestContent digest_content(const std::vector<engine::EstablishmentReport>& reports,
                             const Date& today, const Date& since, int horizon_days,
                             bool summarise) {
  DigestContent c;
  c.summarised = summarise;
  const Date horizon = add_days(today, horizon_days);
  std::map<std::string, std::size_t> index;  // obligation id -> counts[i]
  for (const auto& r : reports) {
    for (const auto& o : r.obligations) {
      if (!o.deadline) continue;
      const Date d = *o.deadline;
      const bool coming = o.status == engine::Status::due && d >= today && d <= horizon;
      const bool overdue = o.status == engine::Status::overdue && d >= since && d < today;
      if (!coming && !overdue) continue;
      if (summarise) {
        auto [it, added] = index.emplace(o.id, c.counts.size());
        if (added) c.counts.push_back({o.title, 0, 0});
        auto& n = c.counts[it->second];
        (coming ? n.coming : n.newly_overdue)++;
      } else {
        (coming ? c.coming : c.newly_overdue).push_back({r.finess, r.name, o.title, d});
      }
    }
  }
  auto by_date = [](const DigestLine& a, const DigestLine& b) {
    if (a.deadline != b.deadline) return a.deadline < b.deadline;
    if (a.establishment != b.establishment) return a.establishment < b.establishment;
    return a.title < b.title;
  };
  std::sort(c.coming.begin(), c.coming.end(), by_date);
  std::sort(c.newly_overdue.begin(), c.newly_overdue.end(), by_date);
  return c;
}

std::string digest_subject(const DigestContent& c) {
  int coming = 0, overdue = 0;
  if (c.summarised) {
    for (const auto& n : c.counts) {
      coming += n.coming;
      overdue += n.newly_overdue;
    }
  } else {
    coming = static_cast<int>(c.coming.size());
    overdue = static_cast<int>(c.newly_overdue.size());
  }
  std::string s = "carepilot : " + count_of(coming, "échéance", "échéances") + " à venir";
  if (overdue > 0)
    s += ", " + count_of(overdue, "obligation passée", "obligations passées") + " en retard";
  return s;
}

std::string digest_body(const DigestContent& c, const std::string& display_name, const Date& today,
                        int horizon_days, const std::string& account_url) {
  std::ostringstream out;
  out << "Bonjour" << (display_name.empty() ? "" : " " + display_name) << ",\n\n";
  out << "Voici le récapitulatif hebdomadaire des échéances de votre périmètre au "
      << exports::french_date(today) << ".\n\n";
  if (c.summarised) {
    out << "Par obligation, nombre d'établissements :\n";
    for (const auto& n : c.counts) {
      out << "- " << n.title << " : ";
      std::vector<std::string> parts;
      if (n.coming > 0)
        parts.push_back(count_of(n.coming, "établissement", "établissements") +
                        " avec une échéance dans les " + std::to_string(horizon_days) +
                        " prochains jours");
      if (n.newly_overdue > 0)
        parts.push_back(count_of(n.newly_overdue, "établissement passé", "établissements passés") +
                        " en retard depuis le dernier récapitulatif");
      for (std::size_t i = 0; i < parts.size(); ++i) out << (i ? " ; " : "") << parts[i];
      out << "\n";
    }
  } else {
    out << "Échéances des " << horizon_days << " prochains jours";
    if (c.coming.empty())
      out << " : aucune.\n";
    else {
      out << " (" << count_of(static_cast<int>(c.coming.size()), "échéance", "échéances")
          << ") :\n";
      for (const auto& l : c.coming)
        out << "- " << exports::french_date(l.deadline) << " : " << l.title << " — "
            << exports::finess_and_name(l.finess, l.establishment) << "\n";
    }
    out << "\nPassées en retard depuis le dernier récapitulatif";
    if (c.newly_overdue.empty())
      out << " : aucune.\n";
    else {
      out << " (" << count_of(static_cast<int>(c.newly_overdue.size()), "obligation", "obligations")
          << ") :\n";
      for (const auto& l : c.newly_overdue)
        out << "- échéance du " << exports::french_date(l.deadline) << " : " << l.title << " — "
            << exports::finess_and_name(l.finess, l.establishment) << "\n";
    }
  }
  out << "\nPour ne plus recevoir ce récapitulatif : " << account_url
      << " (rubrique « Récapitulatif hebdomadaire »).\n";
  return out.str();
}

int send_weekly_digests(auth::AuthStore& store, const ScopeStatuses& statuses,
                        const auth::Mailer& mail, const DigestOptions& opts,
                        const std::string& week, const Date& today, std::int64_t now) {
  std::vector<long long> ids;
  {
    auto s = store.db().lease();
    long long id = 0;
    soci::statement st =
        (s->prepare << "SELECT id FROM users WHERE disabled = 0 AND weekly_digest = 1 AND NOT "
                       "EXISTS (SELECT 1 FROM reminder_digests d WHERE d.user_id = users.id "
                       "AND d.week = :w) ORDER BY id",
         into(id), use(week));
    st.execute();
    while (st.fetch()) ids.push_back(id);
  }
  std::map<std::string, std::vector<engine::EstablishmentReport>> cache;  // per scope
  const std::string today_text = format_date(today);
  int sent = 0;
  for (long long id : ids) {
    auto user = store.user_by_id(id);
    if (!user || user->disabled) continue;
    // Since the previous digest sent to this user (a week ago when none).
    Date since = add_days(today, -7);
    {
      auto s = store.db().lease();
      std::string last;
      soci::indicator ind = soci::i_null;
      *s << "SELECT MAX(sent_on) FROM reminder_digests WHERE user_id = :u", use(id),
          into(last, ind);
      if (ind == soci::i_ok)
        if (auto d = parse_date(last); d && *d < today) since = *d;
    }
    auto key = scope_key(user->scope);
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(key, statuses(user->scope, today)).first;
    const bool summarise =
        user->scope.level == Scope::Level::nation || user->scope.level == Scope::Level::region;
    auto content = digest_content(it->second, today, since, opts.horizon_days, summarise);
    // The week is marked before the mail leaves: a crash in between loses one digest
    // rather than sending it twice; a second instance finds the row and skips the user.
    {
      auto s = store.db().lease();
      store::Transaction tr(*s);
      long long t = now;
      int taken = 0;
      *s << "SELECT COUNT(*) FROM reminder_digests WHERE user_id = :u AND week = :w", use(id),
          use(week), into(taken);
      if (taken > 0) continue;
      *s << "INSERT INTO reminder_digests (user_id, week, sent_on, sent_at) VALUES (:u, :w, "
            ":d, :t)",
          use(id), use(week), use(today_text), use(t);
      tr.commit();
    }
    if (content.empty()) continue;
    mail(user->email, digest_subject(content),
         digest_body(content, user->display_name, today, opts.horizon_days,
                     opts.public_url + "/compte"));
    ++sent;
  }
  return sent;
}

std::function<void(const nlohmann::json&, JobContext&)> reminders_handler(auth::AuthStore& store,
                                                                          ScopeStatuses statuses,
                                                                          auth::Mailer mail,
                                                                          DigestOptions opts) {
  return [&store, statuses = std::move(statuses), mail = std::move(mail), opts = std::move(opts)](
             const nlohmann::json& payload, JobContext& ctx) {
    if (!payload.is_object() || !payload.contains("week") || !payload["week"].is_string())
      throw std::invalid_argument("données de la tâche invalides : semaine absente");
    auto now = ctx.now();
    auto today = parse_date(paris_date_text(now));
    if (!today) throw std::logic_error("date de Paris illisible");
    send_weekly_digests(store, statuses, mail, opts, payload["week"].get<std::string>(), *today,
                        now);
  };
}

}  // namespace carepilot::jobs
