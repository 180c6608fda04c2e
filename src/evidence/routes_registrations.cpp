// The ANSSI registrations (issue 17): the page of an establishment's Club SSI and SILENE
// registrations with the form to declare one, the list of who is not registered over the
// caller's scope (with its CSV and XLSX exports), and their API. See
// evidence/registrations.hpp: a registration is the `registration` evidence record and its
// document; withdrawing one is the evidence withdrawal.
#include <ctemplate/template.h>

#include <algorithm>
#include <cmath>

#include "common/attachment.hpp"
#include "common/export.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "common/xlsx.hpp"
#include "evidence/registrations.hpp"
#include "evidence/routes.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/multipart.hpp"
#include "http/pagination.hpp"
#include "http/templates.hpp"
#include "registry/page_meta.hpp"
#include "registry/region_param.hpp"

namespace carepilot::evidence {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

constexpr int kMissingPerPage = 50;

std::string page_url(const std::string& finess) {
  return "/etablissements/" + finess + "/inscriptions-anssi";
}

std::string role_label(const std::string& code) {
  const auto* r = RegistrationData::builtin().role(code);
  return r ? r->label : std::string(code_label(code));
}

// The engine's verdict on each registration's obligation for the establishment today (the
// compliance page's): the explanation of the services whose obligation does not apply (an
// EHPAD, for instance), keyed by service.
std::map<std::string, std::string> not_applicable(Context& ctx, const Scope& scope,
                                                  const std::string& finess) {
  std::map<std::string, std::string> out;
  const auto report = ctx.repo.compliance(ctx.repo.load(scope, finess), ctx.today());
  for (const auto& s : registration_services(ctx.repo.referential()))
    for (const auto& o : report.obligations)
      if (o.id == s.obligation && o.status == engine::Status::not_applicable)
        out[s.code] = o.explanation;
  return out;
}

// ---- the establishment's page --------------------------------------------------------------

Response registrations_page(Context& ctx, Request& req, int status, const RegistrationInput& posted,
                            const std::vector<FieldError>& errors, const std::string& error_text) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  Registrations regs(ctx.repo, ctx.registry);
  auto current = regs.current(req.caller.scope, e.finess_et);
  const auto withdrawn = regs.withdrawn(req.caller.scope, e.finess_et);
  TemplateDictionary d("registrations");
  d.SetValue("FINESS", e.finess_et);
  d.SetValue("NAME", e.name);
  d.SetValue("ROLES_SOURCE", RegistrationData::builtin().source);
  std::map<std::string, std::string> obligation_of;
  for (const auto& s : registration_services(ctx.repo.referential()))
    obligation_of[s.code] = s.obligation;
  const auto not_applies = not_applicable(ctx, req.caller.scope, e.finess_et);
  bool any_missing = false;
  for (const auto& [service, reg] : current) {
    auto* b = d.AddSectionDictionary("SERVICE");
    b->SetValue("SERVICE_CODE", service);
    b->SetValue("SERVICE_LABEL", std::string(code_label(service)));
    b->SetValue("OBLIGATION_ID", obligation_of[service]);
    if (!reg) {
      any_missing = true;
      if (auto na = not_applies.find(service); na != not_applies.end())
        b->AddSectionDictionary("NOT_APPLICABLE")->SetValue("WHY", na->second);
      else
        b->ShowSection("NOT_REGISTERED");
      if (auto w = withdrawn.find(service); w != withdrawn.end()) {
        auto* g = b->AddSectionDictionary("WITHDRAWN");
        g->SetIntValue("EVIDENCE_ID", w->second.id);
        g->SetValue("DATE", french_date_text(format_date(w->second.date)));
        g->SetValue("WITHDRAWN_AT", paris_datetime(w->second.withdrawn_at));
        g->SetValue("WITHDRAWN_BY", actor_label(w->second.withdrawn_by));
        g->SetValue("REASON", w->second.withdrawal_reason);
      }
      continue;
    }
    auto* r = b->AddSectionDictionary("REGISTERED");
    r->SetIntValue("EVIDENCE_ID", reg->record.id);
    r->SetValue("DATE", french_date_text(format_date(reg->record.date)));
    r->SetValue("ROLE",
                reg->contact_role.empty() ? "non renseignée" : role_label(reg->contact_role));
    r->SetValue("REFERENCE",
                reg->anssi_reference.empty() ? "non renseignée" : reg->anssi_reference);
    r->SetValue("CREATED_BY", actor_label(reg->record.created_by));
    r->SetValue("CREATED_AT", paris_datetime(reg->record.created_at));
    if (reg->document) {
      auto* doc = r->AddSectionDictionary("DOC");
      doc->SetIntValue("DOC_ID", reg->document->id);
      doc->SetValue("FILE_NAME", reg->document->file_name);
      doc->SetValue("SIZE", french_file_size(reg->document->size));
      doc->SetValue("SHA256", reg->document->sha256);
    } else {
      r->ShowSection("NO_DOC");
    }
    if (req.caller.can_write()) r->ShowSection("CAN_WITHDRAW");
  }
  if (any_missing && req.caller.can_write()) {
    auto* f = d.AddSectionDictionary("FORM");
    for (const auto& [service, reg] : current) {
      if (reg) continue;
      auto* o = f->AddSectionDictionary("SERVICE_OPT");
      o->SetValue("VALUE", service);
      o->SetValue("LABEL", std::string(code_label(service)));
      if (posted.service == service) o->ShowSection("SELECTED");
    }
    for (const auto& role : RegistrationData::builtin().roles) {
      auto* o = f->AddSectionDictionary("ROLE_OPT");
      o->SetValue("VALUE", role.code);
      o->SetValue("LABEL", role.label);
      if (posted.contact_role == role.code) o->ShowSection("SELECTED");
    }
    f->SetValue("DATE_VALUE", posted.date);
    f->SetValue("MAX_DATE", format_date(ctx.today()));
    f->SetValue("REFERENCE_VALUE", posted.anssi_reference);
    // The field in error is marked on the form (DSFR: the group's --error, its message).
    const std::map<std::string, const char*> section_of{{"service", "ERR_SERVICE"},
                                                        {"date", "ERR_DATE"},
                                                        {"contact_role", "ERR_ROLE"},
                                                        {"anssi_reference", "ERR_REFERENCE"},
                                                        {"document", "ERR_DOCUMENT"}};
    for (const auto& err : errors)
      if (auto it = section_of.find(err.field); it != section_of.end())
        f->AddSectionDictionary(it->second)->SetValue("ERR_MESSAGE", page_message(err));
  }
  if (!errors.empty() || !error_text.empty()) {
    auto* x = d.AddSectionDictionary("HAS_ERRORS");
    for (const auto& err : errors) {
      auto* m = x->AddSectionDictionary("ERROR");
      m->SetValue("FIELD", err.field);
      m->SetValue("MESSAGE", page_message(err));
    }
    if (errors.empty()) x->AddSectionDictionary("ERROR")->SetValue("MESSAGE", error_text);
  }
  std::string flash = req.q("declare") == "1" ? "Inscription enregistrée." : "";
  return Response::html(
      http::render_page("registrations.tpl", d,
                        registry::page_meta(e, "Inscriptions auprès de l'ANSSI",
                                            {{"Inscriptions auprès de l'ANSSI", ""}}, flash)),
      status);
}

RegistrationInput input_of_form(Request& req) {
  RegistrationInput in;
  for (auto& p : http::parse_multipart(req)) {
    if (p.name == "service") in.service = p.body;
    if (p.name == "date") in.date = p.body;
    if (p.name == "contact_role") in.contact_role = p.body;
    if (p.name == "anssi_reference") in.anssi_reference = p.body;
    if (p.name == "document") {
      in.file_name = p.filename;
      in.bytes = std::move(p.body);
    }
  }
  return in;
}

// POST (multipart): the body (400/415), the establishment (404), then the fields (422) and
// the size (413): the page again naming the field.
Response declare_from_form(Context& ctx, Request& req) {
  auto in = input_of_form(req);
  try {
    Registrations(ctx.repo, ctx.registry)
        .declare(req.caller.scope, req.param("finess"), in, ctx.today(), req.actor());
  } catch (const UserError& err) {
    if (err.status() != 422 && err.status() != 413 && err.status() != 409) throw;
    in.bytes.clear();
    return registrations_page(ctx, req, err.status(), in, err.fields(),
                              err.fields().empty() ? err.what() : "");
  }
  return Response::redirect(page_url(req.param("finess")) + "?declare=1");
}

// ---- who is not registered -----------------------------------------------------------------

int int_param(const Request& req, const char* key, int fallback) {
  try {
    if (auto v = req.q(key); !v.empty()) return std::clamp(std::stoi(v), 1, 1'000'000);
  } catch (const std::exception&) {
  }
  return fallback;
}

// The query from `region`, `ght`, `manque` (club-ssi | silene) and `demo`; unknown values
// never widen the caller's scope; a `ght` that is not a number is refused by the API (400
// request.bad_parameter, the list convention of docs/api.md); the page says which filter it
// did not apply (missing_page) and ignores a `demo` other than 0 or 1.
MissingQuery missing_query(const Request& req, const char* missing_key, bool api = false) {
  MissingQuery q;
  q.filter.region_code = req.q("region");
  if (auto g = req.q("ght"); !g.empty()) {
    try {
      q.filter.ght_id = std::stoll(g);
    } catch (const std::exception&) {
      if (api) throw http::bad_parameter("ght", "identifiant de GHT attendu");
      q.filter.ght_id = 0;  // matches nothing
    }
  }
  q.filter.include_demo =
      api ? http::bool_query(req, "demo", true) : http::page_bool_query(req, "demo", true);
  auto m = req.q(missing_key);
  if (m == "club-ssi" || m == "silene") q.missing = m;
  q.page = int_param(req, "page", 1);
  q.per_page = kMissingPerPage;
  return q;
}

void option(TemplateDictionary& d, const char* section, const std::string& value,
            const std::string& label, bool selected) {
  auto* o = d.AddSectionDictionary(section);
  o->SetValue("VALUE", value);
  o->SetValue("LABEL", label);
  if (selected) o->ShowSection("SELECTED");
}

std::string query_string(const Request& req) {
  std::string out;
  for (const char* k : {"region", "ght", "manque", "demo"})
    if (auto v = req.q(k); !v.empty())
      out += std::string(out.empty() ? "?" : "&") + k + "=" + http::url_encode(v);
  return out;
}

Response missing_page(Context& ctx, Request& req) {
  auto q = missing_query(req, "manque");
  std::string unknown;
  page_area_filter(ctx, req, q.filter, unknown);
  if (const auto m = req.q("manque"); !m.empty() && q.missing.empty())
    http::add_unknown_filter(unknown, "Inscription manquante", m);
  Registrations regs(ctx.repo, ctx.registry);
  auto page = regs.missing(req.caller.scope, q);
  std::map<std::string, std::string> region_names;
  TemplateDictionary d("missing");
  for (const auto& r : ctx.registry.regions(req.caller.scope)) {
    region_names[r.code] = r.name;
    option(d, "REGION_OPT", r.code, r.name, r.code == q.filter.region_code);
  }
  for (const auto& g : ctx.registry.ghts(req.caller.scope, q.filter.region_code))
    option(d, "GHT_OPT", std::to_string(g.id), g.name, q.filter.ght_id == g.id);
  option(d, "MISSING_OPT", "club-ssi", "Sans inscription au Club SSI", q.missing == "club-ssi");
  option(d, "MISSING_OPT", "silene", "Sans inscription à SILENE", q.missing == "silene");
  if (!q.filter.include_demo) d.ShowSection("DEMO_OFF");
  d.SetIntValue("WITHOUT_CLUB", page.without_club_ssi);
  d.SetIntValue("WITHOUT_SILENE", page.without_silene);
  d.SetIntValue("WITHOUT_BOTH", page.without_both);
  d.SetIntValue("TOTAL", page.total);
  for (const auto& r : page.rows) {
    auto* row = d.AddSectionDictionary("ROW");
    row->SetValue("FINESS", r.finess_et);
    row->SetValue("NAME", r.name);
    auto n = region_names.find(r.region_code);
    row->SetValue("REGION", n == region_names.end() ? r.region_code : n->second);
    row->SetValue("CLUB", r.club_ssi ? "Non inscrit" : "Inscrit");
    row->SetValue("CLUB_BADGE", r.club_ssi ? "error" : "success");
    row->SetValue("SILENE", r.silene ? "Non inscrit" : "Inscrit");
    row->SetValue("SILENE_BADGE", r.silene ? "error" : "success");
  }
  if (page.rows.empty()) d.ShowSection("EMPTY");
  const int pages = http::page_count(page.total, kMissingPerPage);
  const int current = page.page;
  d.SetIntValue("PAGE", current);
  d.SetIntValue("PAGES", pages);
  d.SetValue("PAGINATION",
             http::render_pagination(
                 {current, pages,
                  [&req](int n) { return http::page_link(req, "/inscriptions-anssi", "page", n); },
                  "Pages de la liste"}));
  const std::string qs = query_string(req);
  d.SetValue("CSV_HREF", "/inscriptions-anssi.csv" + qs);
  d.SetValue("XLSX_HREF", "/inscriptions-anssi.xlsx" + qs);
  http::PageMeta meta{"Établissements non inscrits auprès de l'ANSSI",
                      "retards",
                      {{"Accueil", "/"}, {"Inscriptions auprès de l'ANSSI", ""}},
                      {},
                      unknown};
  return Response::html(http::render_page("registrations_missing.tpl", d, meta));
}

const std::vector<std::string>& export_columns() {
  static const std::vector<std::string> cols{"FINESS", "Établissement", "Région",
                                             "Inscription au Club SSI", "Inscription à SILENE"};
  return cols;
}

std::vector<std::string> export_row(const MissingRow& r,
                                    const std::map<std::string, std::string>& regions) {
  auto n = regions.find(r.region_code);
  return {r.finess_et, r.name, n == regions.end() ? r.region_code : n->second,
          r.club_ssi ? "Non inscrit" : "Inscrit", r.silene ? "Non inscrit" : "Inscrit"};
}

std::string missing_xlsx(const std::vector<MissingRow>& rows,
                         const std::map<std::string, std::string>& regions) {
  exports::Workbook wb;
  auto ws = wb.sheet("Non inscrits");
  ws.header(export_columns());
  std::uint32_t r = 1;
  for (const auto& row : rows) {
    auto text = export_row(row, regions);
    for (std::size_t c = 0; c < text.size(); ++c) ws.text(r, static_cast<int>(c), text[c]);
    ++r;
  }
  ws.freeze_header();
  return wb.bytes();
}

Response missing_export(Context& ctx, Request& req, bool xlsx) {
  auto q = missing_query(req, "manque");
  std::string unknown;  // the page it is linked from said so
  page_area_filter(ctx, req, q.filter, unknown);
  q.per_page = 0;  // every row
  auto page = Registrations(ctx.repo, ctx.registry).missing(req.caller.scope, q);
  std::map<std::string, std::string> regions;
  for (const auto& r : ctx.registry.regions(req.caller.scope)) regions[r.code] = r.name;
  const std::string name = "etablissements-non-inscrits-anssi-" + format_date(ctx.today());
  if (xlsx)
    return Response::text(missing_xlsx(page.rows, regions),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
  exports::Csv csv(export_columns());
  for (const auto& r : page.rows) csv.row(export_row(r, regions));
  return Response::text(csv.str(), "text/csv; charset=utf-8")
      .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
}

// ---- API -----------------------------------------------------------------------------------

json registration_json(const std::string& service, const std::optional<Registration>& reg,
                       const std::map<std::string, std::string>& not_applies = {}) {
  json out{{"service", service}, {"registered", reg.has_value()}};
  // The obligation's verdict for the establishment, as on the compliance page.
  auto na = not_applies.find(service);
  out["applicable"] = na == not_applies.end();
  out["not_applicable_reason"] = na == not_applies.end() ? json(nullptr) : json(na->second);
  if (!reg) return out;
  out["evidence_id"] = reg->record.id;
  out["date"] = format_date(reg->record.date);
  out["contact_role"] = reg->contact_role;
  out["anssi_reference"] = reg->anssi_reference;
  out["created_at"] = reg->record.created_at;
  out["created_by"] = reg->record.created_by;
  if (reg->document)
    out["document"] = {{"id", reg->document->id},
                       {"file_name", reg->document->file_name},
                       {"content_type", reg->document->content_type},
                       {"size", reg->document->size},
                       {"sha256", reg->document->sha256}};
  else
    out["document"] = nullptr;
  return out;
}

// POST body: {"service", "date", "contact_role", "anssi_reference",
// "document": {"file_name", "content_base64"}}.
RegistrationInput input_of_json(const json& body) {
  if (!body.is_object())
    throw UserError(400, "request.malformed_json", "Le corps doit être un objet JSON.");
  auto text = [&](const char* key) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) return std::string();
    if (!it->is_string())
      throw UserError::invalid({{key, "registration.invalid",
                                 std::string(field_label(key)) + " : un texte est attendu."}});
    return it->get<std::string>();
  };
  RegistrationInput in;
  in.service = text("service");
  in.date = text("date");
  in.contact_role = text("contact_role");
  in.anssi_reference = text("anssi_reference");
  if (auto it = body.find("document"); it != body.end() && !it->is_null()) {
    if (!it->is_object() || !it->contains("file_name") || !it->contains("content_base64") ||
        !(*it)["file_name"].is_string() || !(*it)["content_base64"].is_string())
      throw UserError::invalid({{"document", "registration.document_invalid",
                                 "Justificatif : un objet {file_name, content_base64} est "
                                 "attendu."}});
    in.file_name = (*it)["file_name"].get<std::string>();
    try {
      in.bytes = files::base64_decode((*it)["content_base64"].get<std::string>());
    } catch (const std::invalid_argument&) {
      throw UserError::invalid({{"document", "registration.document_invalid",
                                 "Justificatif : le contenu n'est pas du base64 valide."}});
    }
  }
  return in;
}

}  // namespace

void add_registration_routes(http::RouteTable& routes, Context& ctx) {
  routes.get("/etablissements/:finess/inscriptions-anssi", RouteKind::page,
             [&ctx](Request& req) { return registrations_page(ctx, req, 200, {}, {}, ""); });
  routes.post(
      "/etablissements/:finess/inscriptions-anssi", RouteKind::page,
      [&ctx](Request& req) { return declare_from_form(ctx, req); },
      files::kMaxAttachmentBytes + (1u << 20));
  // A body beyond even the route's limit: the form again, the field named, never read.
  routes.too_large([&ctx](Request& req) {
    return registrations_page(ctx, req, 413, {},
                              {{"document", "registration.document_too_large",
                                "Justificatif : le fichier dépasse 5 Mio."}},
                              "");
  });
  routes.get("/inscriptions-anssi", RouteKind::page,
             [&ctx](Request& req) { return missing_page(ctx, req); });
  routes.get("/inscriptions-anssi.csv", RouteKind::page,
             [&ctx](Request& req) { return missing_export(ctx, req, false); });
  routes.get("/inscriptions-anssi.xlsx", RouteKind::page,
             [&ctx](Request& req) { return missing_export(ctx, req, true); });

  routes.get("/api/v1/establishments/:finess/registrations", RouteKind::api, [&ctx](Request& req) {
    json items = json::array();
    Registrations regs(ctx.repo, ctx.registry);
    const auto current = regs.current(req.caller.scope, req.param("finess"));
    const auto withdrawn = regs.withdrawn(req.caller.scope, req.param("finess"));
    const auto not_applies = not_applicable(ctx, req.caller.scope, req.param("finess"));
    for (const auto& [service, reg] : current) {
      auto item = registration_json(service, reg, not_applies);
      // A service with no current registration shows its latest withdrawn one (kept with
      // when, by whom and why: proof is withdrawn, never destroyed).
      auto w = withdrawn.find(service);
      item["withdrawn"] = w == withdrawn.end() || reg
                              ? json(nullptr)
                              : json{{"evidence_id", w->second.id},
                                     {"date", format_date(w->second.date)},
                                     {"withdrawn_at", w->second.withdrawn_at},
                                     {"withdrawn_by", w->second.withdrawn_by},
                                     {"reason", w->second.withdrawal_reason}};
      items.push_back(std::move(item));
    }
    return http::list_response(req, std::move(items), {{"service"}});
  });
  routes.post(
      "/api/v1/establishments/:finess/registrations", RouteKind::api,
      [&ctx](Request& req) {
        auto body = http::parse_json_body(req);
        ctx.registry.visible(req.caller.scope, req.param("finess"));  // 404 before 422
        auto in = input_of_json(body);
        auto reg =
            Registrations(ctx.repo, ctx.registry)
                .declare(req.caller.scope, req.param("finess"), in, ctx.today(), req.actor());
        return Response::json(http::dump(registration_json(reg.service, reg)), 201);
      },
      files::kMaxAttachmentBytes * 4 / 3 + (1u << 20));
  routes.get("/api/v1/registrations/missing", RouteKind::api, [&ctx](Request& req) {
    const http::ListSpec spec{{"finess"}};  // the default of every list (docs/api.md)
    auto lq = http::list_query(req, spec);
    auto m = req.q("missing");
    if (!m.empty() && m != "club-ssi" && m != "silene")
      throw http::bad_parameter("missing", "club-ssi ou silene attendu");
    auto q = missing_query(req, "missing", true);
    q.filter.region_code = registry::api_region_param(req, ctx.registry);  // 400 if unknown
    q.page = lq.page;
    q.per_page = lq.per_page;
    q.sort = lq.sort;
    auto page = Registrations(ctx.repo, ctx.registry).missing(req.caller.scope, q);
    json items = json::array();
    for (const auto& r : page.rows)
      items.push_back({{"finess", r.finess_et},
                       {"name", r.name},
                       {"region_code", r.region_code},
                       {"missing_club_ssi", r.club_ssi},
                       {"missing_silene", r.silene}});
    return http::paged_response(std::move(items), page.total, page.page, lq.per_page,
                                {{"without_club_ssi", page.without_club_ssi},
                                 {"without_silene", page.without_silene},
                                 {"without_both", page.without_both}});
  });
}

}  // namespace carepilot::evidence
