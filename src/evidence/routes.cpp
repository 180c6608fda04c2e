#include "evidence/routes.hpp"

#include <ctemplate/template.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "common/attachment.hpp"
#include "common/chart.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "engine/aggregate.hpp"
#include "engine/evaluate.hpp"
#include "engine/explain.hpp"
#include "engine/report_json.hpp"
#include "evidence/bulk_export.hpp"
#include "evidence/documents.hpp"
#include "evidence/registrations.hpp"
#include "evidence/sources.hpp"
#include "evidence/stored.hpp"
#include "evidence/todo.hpp"
#include "evidence/trends.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/multipart.hpp"
#include "http/templates.hpp"
#include "http/withdrawal_page.hpp"
#include "store/clock.hpp"

namespace carepilot::evidence {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

// A date query parameter; `fallback` when absent, 400 naming the parameter when malformed.
Date date_param(const Request& req, const char* key, const Date& fallback) {
  std::string v = req.q(key);
  if (v.empty()) return fallback;
  auto d = parse_date(v);
  if (!d)
    throw UserError(400, "request.bad_parameter",
                    std::string("Paramètre ") + key + " invalide (date AAAA-MM-JJ attendue).",
                    {{key, "request.bad_parameter", "Date AAAA-MM-JJ attendue."}});
  return *d;
}

std::int64_t id_param(const Request& req) {
  std::string v = req.param("id");
  try {
    std::size_t used = 0;
    long long n = std::stoll(v, &used);
    if (used == v.size() && n > 0) return n;
  } catch (const std::exception&) {
  }
  throw UserError::not_found("Preuve introuvable.");
}

std::string french_date(const Date& d) {
  std::string s = format_date(d);
  return s.substr(8, 2) + "/" + s.substr(5, 2) + "/" + s.substr(0, 4);
}

const char* badge(engine::Status s) {
  switch (s) {
    case engine::Status::met:
      return "success";
    case engine::Status::due:
      return "warning";
    case engine::Status::overdue:
      return "error";
    case engine::Status::not_applicable:
      return "info";
  }
  return "info";
}

std::string percent(double share) {
  return std::to_string(static_cast<int>(std::lround(share * 100))) + " %";
}

json item_json(const Record& r) {
  json j{{"id", r.id},
         {"type", r.type},
         {"date", format_date(r.date)},
         {"record", r.payload},
         {"created_at", r.created_at},
         {"created_by", r.created_by}};
  if (r.withdrawn()) {
    j["withdrawn_at"] = r.withdrawn_at;
    j["withdrawn_by"] = r.withdrawn_by;
    j["withdrawal_reason"] = r.withdrawal_reason;
  }
  return j;
}

// A field's value as read on a page: the registered contact's role by its label
// (data/registrations/contact_roles.yaml: « RSSI (…) », never "rssi"), the others through
// field_value_label.
std::string value_label(const std::string& key, const std::string& value) {
  if (key == "contact_role")
    if (const auto* role = RegistrationData::builtin().role(value)) return role->label;
  return field_value_label(key, value);
}

// "score : 61 — déclaré le …": the record's fields other than type and date, in the order
// of its type's schema (src/referential/evidence_schema.cpp: an exposure audit's findings from
// the most severe to the least, as its page and report count them), then any other field
// (alphabetical, the payload's order).
std::string details(const Record& r) {
  std::vector<std::string> keys;
  if (const auto type = referential::evidence_type_from(r.type))
    for (const auto& fs : referential::evidence_spec(*type).fields)
      if (r.payload.contains(std::string(fs.name))) keys.emplace_back(fs.name);
  for (const auto& [k, v] : r.payload.items())
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  std::string out;
  for (const auto& k : keys) {
    if (k == "type" || k == "date") continue;
    const auto& v = r.payload.at(k);
    std::string value = v.is_string()    ? v.get<std::string>()
                        : v.is_boolean() ? (v.get<bool>() ? "oui" : "non")
                                         : v.dump();
    out += (out.empty() ? "" : " — ") + std::string(field_label(k)) + " : " + value_label(k, value);
  }
  return out;
}

void add_option(TemplateDictionary& d, const char* section, const std::string& value,
                const std::string& label, bool selected) {
  auto* o = d.AddSectionDictionary(section);
  o->SetValue("VALUE", value);
  o->SetValue("LABEL", label);
  if (selected) o->ShowSection("SELECTED");
}

// ---- compliance page -----------------------------------------------------------------

// The report's obligations in to-do order (evidence/todo.hpp).
std::vector<std::size_t> todo_order(const engine::EstablishmentReport& report) {
  std::vector<std::size_t> order(report.obligations.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return todo_before(report.obligations[a], a, report.obligations[b], b);
  });
  return order;
}

// Its position against the medians of its GHT, region and category in the latest monthly
// snapshot that holds it (evidence/trends.hpp), in plain words.
void add_position(TemplateDictionary& d, Context& ctx, const registry::Establishment& e) {
  auto pos = read_position(ctx.repo.database(), e.id);
  if (!pos) {
    d.ShowSection("NO_POSITION");
    return;
  }
  auto* p = d.AddSectionDictionary("POSITION");
  p->SetValue("MONTH", french_month(pos->month));
  p->SetValue("AS_OF", french_date(last_day(pos->month)));
  std::string own =
      pos->share ? "satisfaisait " + french_integer(pos->met) + " de ses " +
                       plural(pos->applicable, "obligation applicable", "obligations applicables") +
                       ", soit " + percent(*pos->share)
                 : "n'avait aucune obligation applicable";
  p->SetValue("OWN", own);
  for (const auto& peer : pos->peers) {
    auto* row = p->AddSectionDictionary("PEER");
    std::string who = peer.scope.kind == "ght"        ? "son GHT"
                      : peer.scope.kind == "region"   ? "sa région"
                      : peer.scope.key == "sanitaire" ? "les établissements sanitaires"
                                                      : "les établissements médico-sociaux";
    row->SetValue("SCOPE", peer.scope.kind);
    std::string text = "Parmi " + who + " (" +
                       plural(peer.establishments, "établissement", "établissements") + ") : ";
    if (!peer.median) {
      text += "médiane non calculable, aucun n'a d'obligation applicable.";
    } else {
      text += "la médiane est de " + percent(*peer.median) + " d'obligations satisfaites";
      if (!pos->share)
        text += ".";
      else if (int side = side_of_median(*pos->share, *peer.median); side > 0)
        text += " ; cet établissement est au-dessus de la médiane.";
      else if (side < 0)
        text += " ; cet établissement est en dessous de la médiane.";
      else
        text += " ; cet établissement est à la médiane.";
    }
    row->SetValue("TEXT", text);
  }
}

}  // namespace

std::string summary_html(Context& ctx, const Request& req, const std::string& finess) {
  Date today = ctx.today();
  auto loaded = ctx.repo.load(req.caller.scope, finess);
  auto report = ctx.repo.compliance(loaded, today);
  TemplateDictionary d("summary");
  d.SetValue("FINESS", loaded.establishment.finess_et);
  d.SetValue("DATE_FR", french_date(today));
  std::array<int, engine::kStatusCount> counts{};
  bool can_write = req.caller.can_write();
  int late = 0, next = 0;
  for (std::size_t k : todo_order(report)) {
    const auto& o = report.obligations[k];
    ++counts[static_cast<std::size_t>(o.status)];
    TemplateDictionary* row = nullptr;
    if (o.status == engine::Status::overdue) {
      row = d.AddSectionDictionary("LATE");
      row->SetValue("DELAY", delay_text(o));
      ++late;
    } else if (o.status == engine::Status::due && next < 5) {
      row = d.AddSectionDictionary("NEXT");
      row->SetValue("DEADLINE", deadline_text(o));
      if (auto delay = delay_text(o); !delay.empty())
        row->AddSectionDictionary("DELAY")->SetValue("TEXT", delay);
      ++next;
    }
    if (!row) continue;
    row->SetValue("TITLE", o.title);
    if (auto fix = fix_action(o, loaded.establishment.finess_et, today); fix && can_write) {
      auto* f = row->AddSectionDictionary("FIX");
      f->SetValue("LABEL", fix->label);
      f->SetValue("HREF", fix->href);
    }
  }
  if (late == 0) d.ShowSection("NO_LATE");
  if (next == 0) d.ShowSection("NO_NEXT");
  d.SetIntValue("MET", counts[0]);
  d.SetIntValue("DUE", counts[1]);
  d.SetIntValue("OVERDUE", counts[2]);
  return http::render("summary.tpl", d);
}

namespace {

Response compliance_page(Context& ctx, Request& req) {
  Date today = ctx.today();
  Date as_of = date_param(req, "date", today);
  auto loaded = ctx.repo.load(req.caller.scope, req.param("finess"));
  auto report = ctx.repo.compliance(loaded, as_of);
  TemplateDictionary d("compliance");
  const auto& e = loaded.establishment;
  d.SetValue("NAME", e.name);
  d.SetValue("FINESS", e.finess_et);
  d.SetValue("DATE", format_date(as_of));
  d.SetValue("DATE_FR", french_date(as_of));
  d.SetValue("TODAY", format_date(today));
  if (as_of != today) d.ShowSection("PAST");
  std::array<int, engine::kStatusCount> counts{};
  for (const auto& o : report.obligations) ++counts[static_cast<std::size_t>(o.status)];
  const auto& ref = ctx.repo.referential();
  bool can_write = req.caller.can_write();
  for (std::size_t k : todo_order(report)) {
    const auto& o = report.obligations[k];
    auto* row = d.AddSectionDictionary("ROW");
    row->SetValue("ID", o.id);
    row->SetValue("TITLE", o.title);
    row->SetValue("BADGE", badge(o.status));
    row->SetValue("STATUS", std::string(compliance_status_label(engine::status_name(o.status),
                                                                o.deadline.has_value())));
    row->SetValue("STATUS_ID", std::string(engine::status_name(o.status)));
    if (o.late) row->ShowSection("LATE");
    if (!o.period.empty())
      row->AddSectionDictionary("PERIOD_LINE")->SetValue("PERIOD", period_label(o.period));
    row->SetValue("DEADLINE", deadline_text(o));
    if (auto delay = delay_text(o); !delay.empty())
      row->AddSectionDictionary("DELAY")->SetValue("TEXT", delay);
    row->SetValue("SITUATION", engine::situation_of(ref, o, loaded.evidence_ids));
    for (const auto& m : o.measures) {
      auto* x = row->AddSectionDictionary("MEASURE");
      x->SetValue("LABEL", std::string(measure_label(m.id)));
      x->SetValue("VALUE", m.value ? engine::format_percent(*m.value) : "non mesurée");
    }
    if (const auto* ob = ref.find_obligation(o.id)) {
      row->SetValue("RULE", ob->rule);
      const auto& ins = ref.instructions[ob->instruction];
      row->SetValue("SOURCE", ob->source.text + ", " + ob->source.article + " (version " +
                                  std::to_string(ins.version) + " du référentiel)");
    }
    // Nothing to do for an obligation that does not apply: no « Comment faire ? » (issue 20).
    if (ctx.how_to && o.status != engine::Status::not_applicable) {
      auto items = ctx.how_to(o.id, e.region_code, e.category);
      if (!items.empty()) {
        auto* h = row->AddSectionDictionary("HOWTO");
        for (const auto& it : items) {
          auto* x = h->AddSectionDictionary("ITEM");
          x->SetValue("KIND", it.kind);
          x->SetValue("TITLE", it.title);
          x->SetValue("URL", it.url);
        }
      }
    }
    if (o.evidence.empty()) row->ShowSection("NO_EVIDENCE");
    for (int i : o.evidence) {
      if (i < 0 || static_cast<std::size_t>(i) >= loaded.records.size()) continue;
      const auto& r = loaded.records[static_cast<std::size_t>(i)];
      auto* ev = row->AddSectionDictionary("EVIDENCE");
      ev->SetValue("LABEL", std::string(type_label(r.type)));
      ev->SetValue("DATE", french_date(r.date));
      ev->SetIntValue("ID", r.id);
    }
    if (o.missing.empty()) row->ShowSection("NOTHING_MISSING");
    for (const auto& m : o.missing) row->AddSectionDictionary("MISSING")->SetValue("TEXT", m.text);
    if (auto fix = fix_action(o, e.finess_et, as_of); fix && can_write && as_of == today) {
      auto* f = row->AddSectionDictionary("FIX");
      f->SetValue("LABEL", fix->label);
      f->SetValue("HREF", fix->href);
    }
  }
  d.SetIntValue("MET", counts[0]);
  d.SetIntValue("DUE", counts[1]);
  d.SetIntValue("OVERDUE", counts[2]);
  d.SetIntValue("NOT_APPLICABLE", counts[3]);
  add_position(d, ctx, e);
  http::PageMeta meta{"Conformité — " + e.name,
                      "etablissements",
                      {{"Accueil", "/"},
                       {"Établissements", "/etablissements"},
                       {e.name, "/etablissements/" + e.finess_et},
                       {"Conformité", ""}},
                      {},
                      {}};
  return Response::html(http::render_page("compliance.tpl", d, meta));
}

// ---- evidence forms ------------------------------------------------------------------

using FormValues = std::map<std::string, std::string>;

void fill_type_forms(TemplateDictionary& d, const registry::Establishment& e,
                     const referential::Referential& ref, const std::string& posted_type,
                     const FormValues& posted) {
  for (std::size_t t = 0; t < referential::kEvidenceTypeCount; ++t) {
    auto type = static_cast<referential::EvidenceType>(t);
    const auto& spec = referential::evidence_spec(type);
    std::string name(spec.name);
    bool is_posted = name == posted_type;
    auto value = [&](const std::string& field) -> std::string {
      if (!is_posted) return {};
      auto it = posted.find(field);
      return it == posted.end() ? std::string{} : it->second;
    };
    auto* f = d.AddSectionDictionary("TYPE_FORM");
    f->SetValue("EXPANDED", "false");  // the DSFR accordion's state
    f->SetValue("COLLAPSE", "fr-collapse");
    f->SetValue("TYPE", name);
    f->SetValue("LABEL", std::string(type_label(name)));
    f->SetValue("DATE", value("date"));
    if (is_posted)
      f->SetValue("EXPANDED", "true"), f->SetValue("COLLAPSE", "fr-collapse fr-collapse--expanded");
    for (const auto& fs : spec.fields) {
      std::string field(fs.name);
      auto* fd = f->AddSectionDictionary("FIELD");
      fd->SetValue("NAME", field);
      fd->SetValue("TYPE", name);
      fd->SetValue("LABEL", std::string(field_label(field)));
      if (fs.required) fd->ShowSection("REQUIRED");
      std::string v = value(field);
      auto options = [&](const std::vector<std::pair<std::string, std::string>>& opts) {
        auto* sel = fd->AddSectionDictionary("F_SELECT");
        if (fs.required) sel->ShowSection("REQUIRED");
        for (const auto& [ov, ol] : opts) {
          auto* o = sel->AddSectionDictionary("OPTION");
          o->SetValue("VALUE", ov);
          o->SetValue("LABEL", ol);
          if (ov == v) o->ShowSection("SELECTED");
        }
      };
      if (type == referential::EvidenceType::bia && field == "service") {
        std::vector<std::pair<std::string, std::string>> opts;
        for (const auto& s : e.services) {
          const auto* svc = ref.find_service(s);
          opts.emplace_back(s, svc ? svc->title : s);
        }
        options(opts);
        continue;
      }
      switch (fs.kind) {
        case referential::FieldKind::date: {
          auto* x = fd->AddSectionDictionary("F_DATE");
          x->SetValue("VALUE", v);
          if (fs.required) x->ShowSection("REQUIRED");
          break;
        }
        case referential::FieldKind::boolean: {
          auto* x = fd->AddSectionDictionary("F_BOOL");
          if (v == "on" || v == "true") x->ShowSection("CHECKED");
          break;
        }
        case referential::FieldKind::integer:
        case referential::FieldKind::number: {
          auto* x = fd->AddSectionDictionary("F_NUMBER");
          x->SetValue("VALUE", v);
          x->SetValue("STEP", fs.kind == referential::FieldKind::integer ? "1" : "any");
          if (fs.non_negative) x->ShowSection("NON_NEGATIVE");
          if (fs.required) x->ShowSection("REQUIRED");
          break;
        }
        case referential::FieldKind::text: {
          if (!fs.allowed.empty()) {
            std::vector<std::pair<std::string, std::string>> opts;
            for (auto a : fs.allowed) opts.emplace_back(std::string(a), code_label(a));
            options(opts);
          } else {
            auto* x = fd->AddSectionDictionary("F_TEXT");
            x->SetValue("VALUE", v);
            if (fs.required) x->ShowSection("REQUIRED");
          }
          break;
        }
      }
    }
  }
}

Response evidence_page(Context& ctx, Request& req, int status, const std::string& posted_type,
                       const FormValues& posted, const std::vector<FieldError>& errors) {
  auto e = std::make_optional(ctx.registry.visible(req.caller.scope, req.param("finess")));
  auto records = ctx.repo.list(req.caller.scope, e->finess_et);
  TemplateDictionary d("evidence");
  d.SetValue("NAME", e->name);
  d.SetValue("FINESS", e->finess_et);
  d.SetValue("TODAY", format_date(ctx.today()));
  d.SetValue("TODAY_FR", french_date(ctx.today()));
  if (records.empty())
    d.ShowSection("NO_RECORD");
  else
    d.ShowSection("HAS_RECORDS");
  for (auto it = records.rbegin(); it != records.rend(); ++it) {
    auto* row = d.AddSectionDictionary("RECORD");
    row->SetIntValue("ID", it->id);
    row->SetValue("TYPE", std::string(type_label(it->type)));
    row->SetValue("DATE", french_date(it->date));
    row->SetValue("DETAILS", details(*it));
    row->SetValue("CREATED_BY", actor_label(it->created_by));
    row->SetValue("FINESS", e->finess_et);
    // One truth: a record derived from a module is changed only through it.
    if (it->derived()) {
      auto* src = row->AddSectionDictionary("SOURCE");
      src->SetValue("URL", source_url(e->finess_et, it->source));
      src->SetValue("LABEL", source_label(it->source));
    } else if (req.caller.can_write()) {
      // Not "CAN_WRITE": ctemplate would find the page's own section for a derived row (the
      // lookup climbs to the parent dictionary) and draw a withdraw link without an id.
      row->ShowSection("CAN_WITHDRAW");
    }
  }
  // The history: withdrawn records stay visible, with who withdrew them, when and why.
  auto gone = ctx.repo.withdrawn(req.caller.scope, e->finess_et);
  if (!gone.empty()) {
    auto* h = d.AddSectionDictionary("WITHDRAWN");
    for (const auto& r : gone) {
      auto* row = h->AddSectionDictionary("GONE");
      row->SetIntValue("ID", r.id);
      row->SetValue("TYPE", std::string(type_label(r.type)));
      row->SetValue("DATE", french_date(r.date));
      row->SetValue("DETAILS", details(r));
      row->SetValue("CREATED_BY", actor_label(r.created_by));
      row->SetValue("WITHDRAWN_AT", paris_datetime(r.withdrawn_at));
      row->SetValue("WITHDRAWN_BY", actor_label(r.withdrawn_by));
      row->SetValue("REASON", r.withdrawal_reason);
    }
  }
  if (req.caller.can_write()) {
    d.ShowSection("CAN_WRITE");
    fill_type_forms(*d.AddSectionDictionary("FORMS"), *e, ctx.repo.referential(), posted_type,
                    posted);
  }
  if (!errors.empty()) {
    d.ShowSection("HAS_ERRORS");
    for (const auto& err : errors) {
      auto* x = d.AddSectionDictionary("ERROR");
      x->SetValue("FIELD", err.field.empty() ? "preuve" : err.field);
      x->SetValue("MESSAGE", page_message(err));
    }
  }
  http::PageMeta meta{"Preuves — " + e->name,
                      "etablissements",
                      {{"Accueil", "/"},
                       {"Établissements", "/etablissements"},
                       {e->name, "/etablissements/" + e->finess_et},
                       {"Preuves", ""}},
                      req.q("ajoute") == "1"   ? "Preuve enregistrée."
                      : req.q("retire") == "1" ? "Preuve retirée : elle ne compte plus pour la "
                                                 "conformité et reste dans l'historique."
                                               : "",
                      {}};
  return Response::html(http::render_page("evidence.tpl", d, meta), status);
}

// Builds a bundle-format record from the form of one evidence type.
json record_from_form(const FormValues& form, const std::string& type_name) {
  json rec{{"type", type_name}};
  if (auto it = form.find("date"); it != form.end() && !it->second.empty())
    rec["date"] = it->second;
  auto type = referential::evidence_type_from(type_name);
  if (!type) return rec;
  for (const auto& fs : referential::evidence_spec(*type).fields) {
    std::string name(fs.name);
    auto it = form.find(name);
    std::string v = it == form.end() ? std::string{} : it->second;
    if (fs.kind == referential::FieldKind::boolean) {
      if (v == "on" || v == "true" || v == "1") rec[name] = true;
      continue;
    }
    if (v.empty()) continue;
    if (fs.kind == referential::FieldKind::integer || fs.kind == referential::FieldKind::number) {
      try {
        std::size_t used = 0;
        double n = std::stod(v, &used);
        if (used == v.size() && std::isfinite(n)) {
          if (n == std::floor(n) && std::fabs(n) < 9e15)
            rec[name] = static_cast<long long>(n);
          else
            rec[name] = n;
          continue;
        }
      } catch (const std::exception&) {
      }
    }
    rec[name] = v;  // text, date, or an unreadable number the engine refuses by name
  }
  return rec;
}

Response add_from_form(Context& ctx, Request& req) {
  FormValues form;
  for (auto& [k, v] : http::parse_urlencoded(req.body)) form[k] = v;
  std::string type = form.count("type") ? form["type"] : "";
  try {
    if (!referential::evidence_type_from(type))
      throw UserError::invalid({{"type", "evidence.invalid", "type : type de preuve inconnu."}});
    ctx.repo.add(req.caller.scope, req.param("finess"), record_from_form(form, type), ctx.today(),
                 req.actor());
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    return evidence_page(ctx, req, 422, type, form, err.fields());
  }
  return Response::redirect("/etablissements/" + req.param("finess") + "/preuves?ajoute=1");
}

// ---- withdrawal ------------------------------------------------------------------------

constexpr const char* kWithdrawAct = "Le retrait d'une preuve";

// "Retirer la preuve n° 12 : Exercice de crise cyber du 12/06/2026": the confirmation page,
// naming the record, with the reason to give (or, without a second factor, what to do).
// The establishment and the record named at the top of the withdrawal and detail pages.
void record_header(TemplateDictionary& d, const registry::Establishment& e, const Record& r) {
  d.SetValue("NAME", e.name);
  d.SetValue("FINESS", e.finess_et);
  d.SetIntValue("ID", r.id);
  d.SetValue("TYPE", std::string(type_label(r.type)));
  d.SetValue("DATE", french_date(r.date));
  d.SetValue("DETAILS", details(r));
  d.SetValue("CREATED_BY", actor_label(r.created_by));
  d.SetValue("CREATED_AT", paris_datetime(r.created_at));
}

Response withdraw_page(Context& ctx, Request& req, const Record& r, int status,
                       const std::string& reason, const std::vector<FieldError>& errors) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  TemplateDictionary d("withdraw");
  record_header(d, e, r);
  if (r.withdrawn()) {
    auto* w = d.AddSectionDictionary("ALREADY");
    w->SetValue("WITHDRAWN_AT", paris_datetime(r.withdrawn_at));
    w->SetValue("WITHDRAWN_BY", actor_label(r.withdrawn_by));
    w->SetValue("REASON", r.withdrawal_reason);
  } else if (r.derived()) {
    // One truth: a record a module derived is withdrawn through its module.
    auto* src = d.AddSectionDictionary("DERIVED");
    src->SetValue("URL", source_url(e.finess_et, r.source));
    src->SetValue("LABEL", source_label(r.source));
    src->SetValue("LABEL_OF", source_label_of(r.source));
  } else if (!req.caller.second_factor) {
    d.ShowSection("NO_SECOND_FACTOR");
  } else {
    auto* f = d.AddSectionDictionary("FORM");
    f->SetValue("REASON", reason);
    f->SetIntValue("MAX", static_cast<long>(Repository::kMaxReasonBytes));
    if (!errors.empty()) {
      f->ShowSection("INVALID");
      f->SetValue("ERROR_MESSAGE", errors.front().message);
    }
  }
  if (r.withdrawn() || r.derived() || !req.caller.second_factor) d.ShowSection("BACK");
  http::PageMeta meta{"Retirer une preuve — " + e.name,
                      "etablissements",
                      {{"Accueil", "/"},
                       {"Établissements", "/etablissements"},
                       {e.name, "/etablissements/" + e.finess_et},
                       {"Preuves", "/etablissements/" + e.finess_et + "/preuves"},
                       {"Retirer", ""}},
                      {},
                      {}};
  return Response::html(http::render_page("evidence_withdraw.tpl", d, meta), status);
}

// POST …/retirer: the form is read (400), the record found (404), then the second factor
// (403) and the reason (422, the page again with the message) are checked.
Response withdraw_from_form(Context& ctx, Request& req) {
  auto form = http::form_fields(req);
  const std::string reason = http::field(form, "motif");
  auto r = ctx.repo.get(req.caller.scope, req.param("finess"), id_param(req));
  http::require_second_factor(req, kWithdrawAct);
  try {
    ctx.repo.withdraw(req.caller.scope, req.param("finess"), r.id, reason, req.actor());
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    return withdraw_page(ctx, req, r, 422, reason, err.fields());
  }
  return Response::redirect("/etablissements/" + req.param("finess") + "/preuves?retire=1");
}

// ---- one record and its documents -------------------------------------------------------

std::int64_t doc_param(const Request& req) {
  std::string v = req.param("doc");
  try {
    std::size_t used = 0;
    long long n = std::stoll(v, &used);
    if (used == v.size() && n > 0) return n;
  } catch (const std::exception&) {
  }
  throw UserError::not_found("Document introuvable.");
}

Response detail_page(Context& ctx, Request& req, int status, const DocumentInput& posted,
                     const std::vector<FieldError>& errors) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto r = ctx.repo.get(req.caller.scope, e.finess_et, id_param(req));
  Documents docs(ctx.repo);
  auto list = docs.list(req.caller.scope, e.finess_et, r.id);
  const bool derived = r.derived();
  TemplateDictionary d("detail");
  record_header(d, e, r);
  if (derived) {
    auto* src = d.AddSectionDictionary("DERIVED");
    src->SetValue("URL", source_url(e.finess_et, r.source));
    src->SetValue("LABEL", source_label(r.source));
    src->SetValue("LABEL_OF", source_label_of(r.source));
  }
  if (r.withdrawn()) {
    auto* w = d.AddSectionDictionary("WITHDRAWN");
    w->SetValue("WITHDRAWN_AT", paris_datetime(r.withdrawn_at));
    w->SetValue("WITHDRAWN_BY", actor_label(r.withdrawn_by));
    w->SetValue("REASON", r.withdrawal_reason);
  } else if (req.caller.can_write() && !derived) {
    d.ShowSection("CAN_WITHDRAW");
  }
  d.ShowSection(list.empty() ? "NO_DOCUMENT" : "HAS_DOCUMENTS");
  std::set<std::string> titles;
  for (const auto& doc : list) {
    titles.insert(doc.title);
    auto* row = d.AddSectionDictionary("DOCUMENT");
    row->SetIntValue("DOC_ID", doc.id);
    row->SetValue("TITLE", doc.title);
    row->SetIntValue("VERSION", doc.version);
    row->SetValue("FILE_NAME", doc.file_name);
    row->SetValue("SIZE", french_file_size(doc.size));
    row->SetValue("SHA256", doc.sha256);
    row->SetValue("AUTHOR", doc.author.empty() ? "—" : doc.author);
    row->SetValue("REFERENCE", doc.reference.empty() ? "—" : doc.reference);
    row->SetValue("COMMENT", doc.comment.empty() ? "—" : doc.comment);
    row->SetValue("CREATED_BY", actor_label(doc.created_by));
    row->SetValue("CREATED_AT", paris_datetime(doc.created_at));
  }
  if (req.caller.can_write() && !r.withdrawn() && !derived) {
    auto* u = d.AddSectionDictionary("UPLOAD");
    u->SetValue("TITLE_VALUE", posted.title);
    u->SetValue("AUTHOR_VALUE", posted.author);
    u->SetValue("REFERENCE_VALUE", posted.reference);
    u->SetValue("COMMENT_VALUE", posted.comment);
    for (const auto& t : titles) u->AddSectionDictionary("TITLE_OPTION")->SetValue("VALUE", t);
  }
  if (!errors.empty()) {
    d.ShowSection("HAS_ERRORS");
    for (const auto& err : errors) {
      auto* x = d.AddSectionDictionary("ERROR");
      x->SetValue("FIELD", err.field);
      x->SetValue("MESSAGE", err.message);
    }
  }
  http::PageMeta meta{"Preuve n° " + std::to_string(r.id) + " — " + e.name,
                      "etablissements",
                      {{"Accueil", "/"},
                       {"Établissements", "/etablissements"},
                       {e.name, "/etablissements/" + e.finess_et},
                       {"Preuves", "/etablissements/" + e.finess_et + "/preuves"},
                       {"Preuve n° " + std::to_string(r.id), ""}},
                      req.q("document") == "1" ? "Document joint." : "",
                      {}};
  return Response::html(http::render_page("evidence_detail.tpl", d, meta), status);
}

// POST …/documents (multipart): the body (400/415), the record (404), its state (409), then
// the content (422: the page again, naming the field).
Response upload_document(Context& ctx, Request& req) {
  auto parts = http::parse_multipart(req);
  DocumentInput in;
  for (auto& p : parts) {
    if (p.name == "title") in.title = p.body;
    if (p.name == "author") in.author = p.body;
    if (p.name == "reference") in.reference = p.body;
    if (p.name == "comment") in.comment = p.body;
    if (p.name == "file") {
      in.file_name = p.filename;
      in.bytes = std::move(p.body);
    }
  }
  try {
    Documents(ctx.repo).add(req.caller.scope, req.param("finess"), id_param(req), in, req.actor());
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    in.bytes.clear();
    return detail_page(ctx, req, 422, in, err.fields());
  }
  return Response::redirect("/etablissements/" + req.param("finess") + "/preuves/" +
                            req.param("id") + "?document=1");
}

// ---- calendar ------------------------------------------------------------------------

// ---- dashboard -----------------------------------------------------------------------

struct DashboardQuery {
  ScopeFilter filter;
  Date as_of{};
  bool asked_demo = false;  // ?demo=1: "Inclure les établissements de démonstration"
};

DashboardQuery dashboard_query(Context& ctx, const Request& req) {
  DashboardQuery q;
  q.as_of = date_param(req, "date", ctx.today());
  q.filter.region_code = req.q("region");
  // Demonstration establishments stay out of the figures unless asked, or unless the
  // database holds nothing else (a demo platform).
  q.asked_demo = http::page_bool_query(req, "demo", false);
  q.filter.include_demo = q.asked_demo || ctx.registry.real_establishments() == 0;
  if (auto g = req.q("ght"); !g.empty()) {
    try {
      std::size_t used = 0;
      q.filter.ght_id = std::stoll(g, &used);
      if (used != g.size()) throw std::invalid_argument(g);
    } catch (const std::exception&) {
      throw UserError(400, "request.bad_parameter", "Paramètre ght invalide.",
                      {{"ght", "request.bad_parameter", "Identifiant de GHT attendu."}});
    }
  }
  return q;
}

// A dashboard as of today reads the stored compliance (evidence/stored.hpp) with SQL over
// the caller's scope: no request evaluates the nation. `late_limit` as stored_aggregate.
StoredAggregate dashboard_stored(Context& ctx, const Request& req, const DashboardQuery& q,
                                 std::size_t late_limit) {
  return stored_aggregate(ctx.repo.database(), ctx.repo.referential(), req.caller.scope, q.filter,
                          late_limit);
}

// ---- past dates: fresh evaluation --------------------------------------------------------
// A `date` other than today evaluates every establishment of the scope again (the engine
// over the stored evidence). Kept apart on purpose: the monthly snapshots (issue 13, helper
// trends13) replace this path for past dates.
engine::Aggregate dashboard_aggregate_fresh(Context& ctx, const Request& req,
                                            const DashboardQuery& q) {
  auto all = ctx.repo.load_all(req.caller.scope, q.filter, /*keep_records=*/false);
  std::vector<engine::EstablishmentReport> reports;
  reports.reserve(all.size());
  for (const auto& l : all) reports.push_back(ctx.repo.compliance(l, q.as_of));
  return engine::aggregate(ctx.repo.referential(), reports);
}
// -------------------------------------------------------------------------------------------

// The dashboard of the query: stored rows for today, the fresh evaluation otherwise.
StoredAggregate dashboard_aggregate(Context& ctx, const Request& req, const DashboardQuery& q,
                                    std::size_t late_limit) {
  if (q.as_of == ctx.today()) return dashboard_stored(ctx, req, q, late_limit);
  StoredAggregate out;
  out.aggregate = dashboard_aggregate_fresh(ctx, req, q);
  out.late_total = static_cast<int>(out.aggregate.late.size());
  out.oldest = q.as_of;
  return out;
}

// The exports' parameters: the filters the page applied (a region or GHT it did not know is
// left out, page_area_filter).
std::string export_query(const DashboardQuery& q) {
  std::string s = "?date=" + format_date(q.as_of);
  if (!q.filter.region_code.empty()) s += "&region=" + http::url_encode(q.filter.region_code);
  if (q.filter.ght_id) s += "&ght=" + std::to_string(*q.filter.ght_id);
  if (q.asked_demo) s += "&demo=1";
  return s;
}

// ---- dashboard: monthly snapshots and trends (evidence/trends.hpp) ------------------------

// The snapshot scope of a dashboard: the intersection of the caller's scope and the filter
// when it is the nation, a region or a GHT. nullopt for an establishment-level caller or a
// filter outside the caller's scope (a handful of establishments at most, or none: those are
// evaluated as before).
std::optional<SnapshotScope> dashboard_snapshot_scope(Context& ctx, const Request& req,
                                                      const DashboardQuery& q) {
  const Scope& caller = req.caller.scope;
  if (caller.level == Scope::Level::establishment) return std::nullopt;
  const auto& region = q.filter.region_code;
  if (q.filter.ght_id) {
    auto g = ctx.registry.ght(caller, *q.filter.ght_id);
    if (!g || (!region.empty() && g->region_code != region)) return std::nullopt;
    return SnapshotScope{"ght", std::to_string(g->id)};
  }
  if (caller.level == Scope::Level::ght) {
    auto g = ctx.registry.ght(caller, caller.ght_id);
    if (!g || (!region.empty() && g->region_code != region)) return std::nullopt;
    return SnapshotScope{"ght", std::to_string(g->id)};
  }
  if (!region.empty()) {
    if (!ctx.registry.region(caller, region)) return std::nullopt;
    return SnapshotScope{"region", region};
  }
  if (caller.level == Scope::Level::region) return SnapshotScope{"region", caller.region_code};
  return SnapshotScope{};
}

// A dashboard of a past date reads the snapshot of that date's month; `aggregate` is empty
// when that month has no snapshot (the page says so; the nation is never evaluated instead).
struct PastDashboard {
  Month month{};
  std::optional<engine::Aggregate> aggregate;
};

std::optional<PastDashboard> past_dashboard(Context& ctx, const DashboardQuery& q,
                                            const std::optional<SnapshotScope>& scope) {
  if (!scope || !(q.as_of < ctx.today())) return std::nullopt;
  PastDashboard p;
  p.month = month_of(q.as_of);
  p.aggregate = read_snapshot(ctx.repo.database(), ctx.repo.referential(), p.month,
                              q.filter.include_demo, *scope);
  return p;
}

std::string share_text(int count, int applicable) {
  return applicable > 0 ? percent(static_cast<double>(count) / applicable) : "—";
}

// Trend lines of the last kTrendMonths monthly snapshots up to `last`, one chart per
// obligation with its table of values (the text alternative).
void add_trends(TemplateDictionary& d, Context& ctx, const SnapshotScope& scope, bool with_demo,
                Month last) {
  constexpr int kTrendMonths = 24;
  const Month first = last - std::chrono::months{kTrendMonths - 1};
  auto trends =
      read_trends(ctx.repo.database(), ctx.repo.referential(), with_demo, scope, first, last);
  std::vector<Month> months;
  for (const auto& t : trends)
    for (const auto& p : t.points)
      if (std::find(months.begin(), months.end(), p.month) == months.end())
        months.push_back(p.month);
  std::sort(months.begin(), months.end());
  if (months.empty()) {
    d.ShowSection("NO_TRENDS");
    return;
  }
  auto* section = d.AddSectionDictionary("TRENDS");
  section->SetValue("FROM", french_month(months.front()));
  section->SetValue("TO", french_month(months.back()));
  const chart::Frame frame{640, 220, 48, 16, 12, 40};
  const std::size_t n = months.size();
  auto x_of = [&](Month m) {
    auto i = static_cast<std::size_t>(std::find(months.begin(), months.end(), m) - months.begin());
    return frame.slot_centre(i, n);
  };
  for (const auto& t : trends) {
    if (t.points.empty()) continue;
    auto* tr = section->AddSectionDictionary("TREND");
    tr->SetValue("ID", t.obligation_id);
    tr->SetValue("TITLE", t.title);
    tr->SetIntValue("W", frame.width);
    tr->SetIntValue("H", frame.height);
    tr->SetIntValue("LEFT", frame.left);
    tr->SetIntValue("RIGHT_X", frame.right_x());
    tr->SetIntValue("BASE_Y", frame.baseline_y());
    for (int pct : {0, 25, 50, 75, 100}) {
      auto* tick = tr->AddSectionDictionary("TICK");
      int y = frame.y_of(pct, 100);
      tick->SetIntValue("Y", y);
      tick->SetIntValue("TEXT_Y", y + 4);
      tick->SetIntValue("TICK_X", frame.left - 6);
      tick->SetValue("LABEL", std::to_string(pct) + " %");
    }
    // A month label every `every` slots so that they never overlap.
    const std::size_t every = n <= 12 ? 1 : n <= 24 ? 3 : 6;
    for (std::size_t i = 0; i < n; i += every) {
      auto* label = tr->AddSectionDictionary("MONTH_LABEL");
      label->SetIntValue("X", frame.slot_centre(i, n));
      label->SetIntValue("Y", frame.baseline_y() + 16);
      label->SetValue("TEXT", french_month(months[i], true));
    }
    struct Series {
      const char* name;
      int TrendPoint::*field;
    };
    for (auto [name, field] : {Series{"MET", &TrendPoint::met}, Series{"DUE", &TrendPoint::due},
                               Series{"OVERDUE", &TrendPoint::overdue}}) {
      std::vector<chart::Point> points;
      for (const auto& p : t.points) {
        if (p.applicable == 0) continue;
        chart::Point pt{x_of(p.month),
                        frame.y_of(std::lround(1000.0 * (p.*field) / p.applicable), 1000)};
        points.push_back(pt);
        auto* dot = tr->AddSectionDictionary(std::string(name) + "_DOT");
        dot->SetIntValue("X", pt.x);
        dot->SetIntValue("Y", pt.y);
      }
      tr->SetValue(std::string(name) + "_POINTS", chart::polyline_points(points));
    }
    const auto& a = t.points.front();
    const auto& b = t.points.back();
    tr->SetValue("SUMMARY", "De " + french_month(a.month) + " à " + french_month(b.month) +
                                " : satisfaites de " + share_text(a.met, a.applicable) + " à " +
                                share_text(b.met, b.applicable) + ", à échéance de " +
                                share_text(a.due, a.applicable) + " à " +
                                share_text(b.due, b.applicable) + ", en retard de " +
                                share_text(a.overdue, a.applicable) + " à " +
                                share_text(b.overdue, b.applicable) + ".");
    for (const auto& p : t.points) {
      auto* row = tr->AddSectionDictionary("POINT");
      row->SetValue("MONTH", french_month(p.month));
      row->SetValue("MET", share_text(p.met, p.applicable));
      row->SetValue("DUE", share_text(p.due, p.applicable));
      row->SetValue("OVERDUE", share_text(p.overdue, p.applicable));
      row->SetIntValue("APPLICABLE", p.applicable);
    }
  }
}

Response dashboard_page(Context& ctx, Request& req) {
  auto q = dashboard_query(ctx, req);
  std::string unknown;
  page_area_filter(ctx, req, q.filter, unknown);
  // Said with 400, which the page cache never keeps: the cache keys a dashboard by the region
  // or GHT its address asks (web/ page_scope_key), not by the scope shown instead.
  const int status = unknown.empty() ? 200 : 400;
  auto scope = dashboard_snapshot_scope(ctx, req, q);
  auto past = past_dashboard(ctx, q, scope);
  TemplateDictionary d("dashboard");
  d.SetValue("DATE", format_date(q.as_of));
  if (q.asked_demo) d.ShowSection("DEMO_CHECKED");
  for (const auto& r : ctx.registry.regions(req.caller.scope))
    add_option(d, "REGION_OPT", r.code, r.name, r.code == q.filter.region_code);
  for (const auto& g : ctx.registry.ghts(req.caller.scope, q.filter.region_code))
    add_option(d, "GHT_OPT", std::to_string(g.id), g.name,
               q.filter.ght_id && *q.filter.ght_id == g.id);
  http::PageMeta meta{
      "Tableau de bord", "tableau_de_bord", {{"Accueil", "/"}, {"Tableau de bord", ""}}, {}, {}};
  meta.flash_error = unknown;
  if (past && !past->aggregate) {
    auto* missing = d.AddSectionDictionary("NO_SNAPSHOT");
    missing->SetValue("MONTH", french_month(past->month));
    missing->SetValue("DATE_FR", french_date(q.as_of));
    missing->ShowSection(past->month == month_of(ctx.today()) ? "NOT_ENDED" : "NOT_BUILT");
    return Response::html(http::render_page("dashboard.tpl", d, meta), status);
  }
  // The date the figures describe: the last day of the month for a snapshot.
  const Date shown = past ? last_day(past->month) : q.as_of;
  // The most overdue establishments first; the page shows at most kLateShown of them
  // (a national page listing thousands helps nobody), the exports carry the full list.
  constexpr std::size_t kLateShown = 50;
  StoredAggregate stored;
  if (past) {
    stored.aggregate = std::move(*past->aggregate);
    stored.late_total = static_cast<int>(stored.aggregate.late.size());
  } else {
    stored = dashboard_aggregate(ctx, req, q, kLateShown);
    if (stored.oldest && *stored.oldest < q.as_of) {
      // Rows not yet recomputed for today (the daily recomputation runs after midnight).
      auto* stale = d.AddSectionDictionary("STALE");
      stale->SetValue("COMPUTED_FR", french_date(*stored.oldest));
    }
    if (stored.not_computed > 0)
      d.AddSectionDictionary("NOT_COMPUTED")->SetIntValue("COUNT", stored.not_computed);
  }
  const auto& agg = stored.aggregate;
  auto* figures = d.AddSectionDictionary("FIGURES");
  figures->SetValue("DATE_FR", french_date(shown));
  if (past) figures->ShowSection("SNAPSHOT");
  if (scope)
    add_trends(*figures, ctx, *scope, q.filter.include_demo,
               past ? past->month : month_of(ctx.today()) - std::chrono::months{1});
  figures->SetIntValue("ESTABLISHMENTS", agg.establishments);
  figures->SetValue("EXPORT_QUERY", export_query(q));
  constexpr double kWidth = 400;
  std::map<std::string, std::string> titles;
  for (const auto& o : agg.obligations) {
    titles[o.id] = o.title;
    auto* row = figures->AddSectionDictionary("OBLIGATION");
    auto share = [&](engine::Status s) {
      return o.share_of_applicable[static_cast<std::size_t>(s)];
    };
    auto count = [&](engine::Status s) { return o.count[static_cast<std::size_t>(s)]; };
    row->SetValue("ID", o.id);
    row->SetValue("TITLE", o.title);
    row->SetIntValue("APPLICABLE", o.applicable);
    row->SetIntValue("MET", count(engine::Status::met));
    row->SetIntValue("DUE", count(engine::Status::due));
    row->SetIntValue("OVERDUE", count(engine::Status::overdue));
    row->SetIntValue("NOT_APPLICABLE", count(engine::Status::not_applicable));
    row->SetValue("MET_PCT", percent(share(engine::Status::met)));
    row->SetValue("DUE_PCT", percent(share(engine::Status::due)));
    row->SetValue("OVERDUE_PCT", percent(share(engine::Status::overdue)));
    long met_w = std::lround(share(engine::Status::met) * kWidth);
    long due_w = std::lround(share(engine::Status::due) * kWidth);
    long over_w = std::lround(share(engine::Status::overdue) * kWidth);
    row->SetIntValue("MET_W", met_w);
    row->SetIntValue("DUE_X", met_w);
    row->SetIntValue("DUE_W", due_w);
    row->SetIntValue("OVERDUE_X", met_w + due_w);
    row->SetIntValue("OVERDUE_W", over_w);
    if (o.applicable == 0) row->ShowSection("NONE_APPLICABLE");
    if (o.target) {
      auto* t = row->AddSectionDictionary("TARGET");
      t->SetIntValue("X", std::lround(*o.target * kWidth));
      t->SetValue("PCT", percent(*o.target));
      if (o.target_reached && *o.target_reached)
        t->ShowSection("REACHED");
      else
        t->ShowSection("NOT_REACHED");
    }
  }
  if (agg.late.empty())
    figures->ShowSection("NO_LATE");
  else
    figures->ShowSection("HAS_LATE");
  std::vector<const engine::LateEstablishment*> late;
  for (const auto& l : agg.late) late.push_back(&l);
  std::stable_sort(late.begin(), late.end(), [](const auto* a, const auto* b) {
    return a->overdue.size() > b->overdue.size();
  });
  const std::size_t late_total = static_cast<std::size_t>(stored.late_total);
  figures->SetIntValue("LATE_TOTAL", static_cast<long>(late_total));
  if (late.size() > kLateShown) late.resize(kLateShown);
  if (late_total > late.size()) {
    auto* more = figures->AddSectionDictionary("LATE_MORE");
    more->SetIntValue("SHOWN", static_cast<long>(late.size()));
    more->SetIntValue("HIDDEN", static_cast<long>(late_total - late.size()));
  }
  for (const auto* lp : late) {
    const auto& l = *lp;
    auto* row = figures->AddSectionDictionary("LATE");
    row->SetValue("FINESS", l.finess);
    row->SetValue("NAME", l.name);
    row->SetValue("DATE", format_date(shown));
    for (const auto& id : l.overdue) {
      auto it = titles.find(id);
      row->AddSectionDictionary("OVERDUE_OBLIGATION")
          ->SetValue("TITLE", it == titles.end() ? id : it->second);
    }
  }
  return Response::html(http::render_page("dashboard.tpl", d, meta), status);
}

}  // namespace

// The labels live in common/labels.cpp, shared by every module.
std::string_view type_label(std::string_view type) {
  return evidence_type_label(type);
}

std::string_view field_label(std::string_view field) {
  return carepilot::field_label(field);
}

void add_routes(http::RouteTable& routes, Context& ctx) {
  add_late_routes(routes, ctx);
  add_registration_routes(routes, ctx);
  // Pages.
  routes.get(
      "/etablissements/:finess/conformite", RouteKind::page,
      [&ctx](Request& req) { return compliance_page(ctx, req); }, true);
  routes.get(
      "/etablissements/:finess/preuves", RouteKind::page,
      // ?ajouter=TYPE opens that type's form (the compliance page's buttons).
      [&ctx](Request& req) { return evidence_page(ctx, req, 200, req.q("ajouter"), {}, {}); });
  routes.post("/etablissements/:finess/preuves", RouteKind::page,
              [&ctx](Request& req) { return add_from_form(ctx, req); });
  // Evidence is never deleted: withdrawn with a reason, after a confirmation page naming it.
  routes.get(
      "/etablissements/:finess/preuves/:id/retirer", RouteKind::page,
      [&ctx](Request& req) {
        auto r = ctx.repo.get(req.caller.scope, req.param("finess"), id_param(req));
        return withdraw_page(ctx, req, r, 200, "", {});
      },
      false, Access::edit_records);
  routes.post("/etablissements/:finess/preuves/:id/retirer", RouteKind::page,
              [&ctx](Request& req) { return withdraw_from_form(ctx, req); });
  // One record: its documents, their versions and SHA-256, the upload form.
  routes.get("/etablissements/:finess/preuves/:id", RouteKind::page,
             [&ctx](Request& req) { return detail_page(ctx, req, 200, {}, {}); });
  routes.post(
      "/etablissements/:finess/preuves/:id/documents", RouteKind::page,
      [&ctx](Request& req) { return upload_document(ctx, req); },
      files::kMaxAttachmentBytes + (1u << 20));
  // A body beyond even the route's limit: the form again, the field named, never read.
  routes.too_large([&ctx](Request& req) {
    return detail_page(ctx, req, 413, {},
                       {{"file", "evidence.attachment_too_large",
                         "Fichier : le fichier dépasse la taille maximale de 5 Mio."}});
  });
  routes.get("/etablissements/:finess/preuves/:id/documents/:doc", RouteKind::page,
             [&ctx](Request& req) {
               auto f = Documents(ctx.repo).file(req.caller.scope, req.param("finess"),
                                                 id_param(req), doc_param(req));
               return Response::text(std::move(f.bytes), f.info.content_type)
                   .header("Content-Disposition", files::content_disposition(f.info.file_name))
                   .header("X-Content-SHA256", f.info.sha256);
             });
  routes.get("/etablissements/:finess/echeances.ics", RouteKind::page, [&ctx](Request& req) {
    Date today = ctx.today();
    auto loaded = ctx.repo.load(req.caller.scope, req.param("finess"));
    auto report = ctx.repo.compliance(loaded, today);
    // The programme's key dates concern an establishment the programme's obligations apply
    // to; a calendar with nothing applicable (a médico-social establishment) stays empty.
    const bool in_programme =
        std::any_of(report.obligations.begin(), report.obligations.end(),
                    [](const auto& o) { return o.status != engine::Status::not_applicable; });
    auto events =
        in_programme && ctx.programme_dates ? ctx.programme_dates() : std::vector<FeedEvent>{};
    // The deadlines of the candidatures covering the establishment (issue 18 trial).
    if (ctx.funding_dates)
      for (auto& e : ctx.funding_dates(req.caller.scope, loaded.establishment.finess_et, today))
        events.push_back(std::move(e));
    auto ics = to_icalendar(loaded.establishment.finess_et, loaded.establishment.name,
                            coming_deadlines(ctx.repo.referential(), report, today), utc_stamp(),
                            events, ctx.public_url);
    return Response::text(std::move(ics), "text/calendar; charset=utf-8")
        .header("Content-Disposition",
                "attachment; filename=\"echeances-" + loaded.establishment.finess_et + ".ics\"");
  });
  routes.get(
      "/tableau-de-bord", RouteKind::page,
      [&ctx](Request& req) { return dashboard_page(ctx, req); }, true);
  routes.get("/tableau-de-bord.csv", RouteKind::page, [&ctx](Request& req) {
    auto q = dashboard_query(ctx, req);
    return Response::text(dashboard_csv(dashboard_aggregate(ctx, req, q, 0).aggregate),
                          "text/csv; charset=utf-8")
        .header("Content-Disposition",
                "attachment; filename=\"tableau-de-bord-" + format_date(q.as_of) + ".csv\"");
  });
  routes.get("/tableau-de-bord.xlsx", RouteKind::page, [&ctx](Request& req) {
    auto q = dashboard_query(ctx, req);
    return Response::text(dashboard_xlsx(dashboard_aggregate(ctx, req, q, 0).aggregate),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("Content-Disposition",
                "attachment; filename=\"tableau-de-bord-" + format_date(q.as_of) + ".xlsx\"");
  });

  // API.
  routes.get("/api/v1/establishments/:finess/evidence", RouteKind::api, [&ctx](Request& req) {
    json items = json::array();
    for (const auto& r : ctx.repo.list(req.caller.scope, req.param("finess")))
      items.push_back(item_json(r));
    return http::list_response(req, std::move(items), {{"date", "type", "created_at"}});
  });
  routes.post(
      "/api/v1/establishments/:finess/evidence", RouteKind::api,
      [&ctx](Request& req) {
        auto body = http::parse_json_body(req);
        auto r =
            ctx.repo.add(req.caller.scope, req.param("finess"), body, ctx.today(), req.actor());
        return Response::json(http::dump(item_json(r)), 201);
      },
      ctx.max_json_bytes);
  // DELETE withdraws (evidence is never destroyed): body {"reason": "…"}; answers the
  // withdrawn record. Checks: the body (415/400), the record (404), the second factor (403),
  // the reason (422 evidence.reason_required), a record already withdrawn (409).
  routes.add({"DELETE", "/api/v1/establishments/:finess/evidence/:id", RouteKind::api,
              [&ctx](Request& req) {
                const std::string reason = http::withdrawal_reason_from_json(req);
                auto r = ctx.repo.get(req.caller.scope, req.param("finess"), id_param(req));
                http::require_second_factor(req, kWithdrawAct);
                auto w = ctx.repo.withdraw(req.caller.scope, req.param("finess"), r.id, reason,
                                           req.actor());
                return Response::json(http::dump(item_json(w)));
              },
              64 * 1024});
  routes.get("/api/v1/establishments/:finess/compliance", RouteKind::api, [&ctx](Request& req) {
    Date as_of = date_param(req, "as_of", ctx.today());
    auto loaded = ctx.repo.load(req.caller.scope, req.param("finess"));
    engine::Report report;
    report.as_of = as_of;
    report.establishments.push_back(ctx.repo.compliance(loaded, as_of));
    return Response::json(http::dump(engine::to_json(report)));
  });
  add_export_routes(routes, ctx);
}

void page_area_filter(Context& ctx, const http::Request& req, ScopeFilter& f, std::string& notice) {
  if (const auto asked = req.q("region"); !asked.empty()) {
    const auto regions = ctx.registry.regions(req.caller.scope);
    if (std::none_of(regions.begin(), regions.end(),
                     [&](const auto& r) { return r.code == f.region_code; })) {
      http::add_unknown_filter(notice, "Région", asked);
      f.region_code.clear();
    }
  }
  if (const auto asked = req.q("ght"); !asked.empty()) {
    const auto ghts = ctx.registry.ghts(req.caller.scope);
    if (!f.ght_id ||
        std::none_of(ghts.begin(), ghts.end(), [&](const auto& g) { return g.id == *f.ght_id; })) {
      http::add_unknown_filter(notice, "GHT", asked);
      f.ght_id.reset();
    }
  }
}

}  // namespace carepilot::evidence

namespace carepilot::evidence {
namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}
const std::map<std::string_view, std::string_view>& template_files() {
  return tpl::embedded_files();
}
}  // namespace carepilot::evidence
