// The backup posture self-declaration (backup.hpp): page
// /etablissements/:finess/continuite/sauvegardes (each point with the answer that counts, its
// versions, a form per point with its evidence), a summary on the continuity page
// (fill_backup_summary), and the API under
// /api/v1/establishments/:finess/continuity/backup.
#include <ctemplate/template.h>

#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "common/attachment.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "continuity/messages.hpp"
#include "continuity/pages/routes.hpp"
#include "continuity/store/backup.hpp"
#include "http/json_body.hpp"
#include "http/multipart.hpp"
#include "http/request.hpp"
#include "http/templates.hpp"
#include "http/withdrawal_page.hpp"
#include "registry/page_meta.hpp"

namespace carepilot::continuity {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

std::string page_url(const std::string& finess) {
  return "/etablissements/" + finess + "/continuite/sauvegardes";
}

std::int64_t decl_id(const Request& req) {
  const std::string v = req.param("id");
  if (!v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos) {
    const long long n = std::stoll(v);
    if (n > 0) return n;
  }
  throw UserError::not_found("Déclaration de sauvegarde introuvable.");
}

json declaration_json(const BackupDeclaration& d, const std::string& finess) {
  json j{{"id", d.id},
         {"point", d.point},
         {"version", d.version},
         {"answer", d.answer},
         {"declared_on", format_date(d.declared_on)},
         {"auth_mode", d.auth_mode.empty() ? json(nullptr) : json(d.auth_mode)},
         {"second_factor", d.second_factor ? json(*d.second_factor) : json(nullptr)},
         {"ad_level", d.ad_level ? json(*d.ad_level) : json(nullptr)},
         {"ad_audit_id", d.ad_audit_id ? json(*d.ad_audit_id) : json(nullptr)},
         {"note", d.note},
         {"created_at", d.created_at},
         {"created_by", d.created_by},
         {"withdrawn", d.withdrawal.withdrawn()}};
  if (d.document)
    j["document"] = {
        {"file_name", d.document->file_name},
        {"content_type", d.document->content_type},
        {"size", d.document->size},
        {"sha256", d.document->sha256},
        {"url", "/api/v1/establishments/" + finess + "/continuity/backup/declarations/" +
                    std::to_string(d.id) + "/document"}};
  else
    j["document"] = nullptr;
  if (d.withdrawal.withdrawn())
    j["withdrawal"] = {{"withdrawn_at", d.withdrawal.at},
                       {"withdrawn_by", d.withdrawal.by},
                       {"withdrawal_reason", d.withdrawal.reason}};
  return j;
}

json backup_json(const std::vector<BackupDeclaration>& all, const std::string& finess) {
  const auto& data = backup_data();
  json points = json::array();
  for (const auto& p : data.points) {
    json versions = json::array();
    for (const auto& d : all)
      if (d.point == p.id) versions.push_back(declaration_json(d, finess));
    const BackupDeclaration* c = counting(all, p.id);
    points.push_back({{"id", p.id},
                      {"objective", p.objective},
                      {"label", p.label},
                      {"current", c ? declaration_json(*c, finess) : json(nullptr)},
                      {"versions", versions}});
  }
  return {{"points", points}, {"ads_level_required", data.ads_level_required}};
}

// Reads a text field of a JSON body ("" when absent, 422 naming it when not a string).
BackupInput input_from_json(const json& b) {
  BackupInput in;
  if (!b.is_object()) {
    in.format_errors.push_back(
        {"answer", "continuity.backup_answer_unknown", labelled("answer") + "objet JSON attendu."});
    return in;
  }
  auto text = [&](const char* k) {
    if (!b.contains(k) || b[k].is_null()) return std::string();
    if (!b[k].is_string()) {
      in.format_errors.push_back({k, "validation.type", labelled(k) + "texte attendu."});
      return std::string();
    }
    return b[k].get<std::string>();
  };
  in.answer = text("answer");
  const std::string on = text("declared_on");
  if (!on.empty()) {
    in.declared_on = parse_date(on);
    if (!in.declared_on)
      in.format_errors.push_back({"declared_on", "continuity.declared_on_invalid",
                                  labelled("declared_on") + "date invalide (AAAA-MM-JJ attendu)."});
  }
  in.auth_mode = text("auth_mode");
  in.note = text("note");
  if (b.contains("second_factor") && !b["second_factor"].is_null()) {
    if (b["second_factor"].is_boolean())
      in.second_factor = b["second_factor"].get<bool>();
    else
      in.format_errors.push_back({"second_factor", "validation.type",
                                  labelled("second_factor") + "true ou false attendu."});
  }
  if (b.contains("ad_level") && !b["ad_level"].is_null()) {
    if (b["ad_level"].is_number_integer())
      in.ad_level = b["ad_level"].get<int>();
    else
      in.format_errors.push_back({"ad_level", "continuity.backup_ad_level_invalid",
                                  labelled("ad_level") + "entier de 1 à 5."});
  }
  if (b.contains("ad_audit_id") && !b["ad_audit_id"].is_null()) {
    if (b["ad_audit_id"].is_number_integer())
      in.ad_audit_id = b["ad_audit_id"].get<std::int64_t>();
    else
      in.format_errors.push_back({"ad_audit", "continuity.backup_ad_audit_unknown",
                                  labelled("ad_audit") + "identifiant d'audit attendu."});
  }
  if (b.contains("document") && !b["document"].is_null()) {
    const auto& d = b["document"];
    if (d.is_object() && d.contains("file_name") && d["file_name"].is_string() &&
        d.contains("content_base64") && d["content_base64"].is_string()) {
      in.file_name = d["file_name"].get<std::string>();
      try {
        in.file_bytes = files::base64_decode(d["content_base64"].get<std::string>());
      } catch (const std::invalid_argument&) {
        in.format_errors.push_back({"backup_document", "continuity.base64",
                                    labelled("backup_document") + "contenu base64 invalide."});
      }
    } else {
      in.format_errors.push_back(
          {"backup_document", "validation.type",
           labelled("backup_document") + "{file_name, content_base64} attendu."});
    }
  }
  return in;
}

BackupInput input_from_form(const std::map<std::string, std::string>& f, std::string file_name,
                            std::string bytes) {
  BackupInput in;
  auto get = [&](const char* k) {
    auto it = f.find(k);
    return it == f.end() ? std::string() : it->second;
  };
  in.answer = get("answer");
  if (const auto on = get("declared_on"); !on.empty()) {
    in.declared_on = parse_date(on);
    if (!in.declared_on)
      in.format_errors.push_back({"declared_on", "continuity.declared_on_invalid",
                                  labelled("declared_on") + "date invalide (AAAA-MM-JJ attendu)."});
  }
  in.auth_mode = get("auth_mode");
  if (const auto sf = get("second_factor"); sf == "yes" || sf == "no")
    in.second_factor = sf == "yes";
  if (const auto l = get("ad_level"); !l.empty()) {
    if (l.size() == 1 && l[0] >= '1' && l[0] <= '5')
      in.ad_level = l[0] - '0';
    else
      in.format_errors.push_back({"ad_level", "continuity.backup_ad_level_invalid",
                                  labelled("ad_level") + "niveau de 1 à 5."});
  }
  if (const auto a = get("ad_audit"); !a.empty()) {
    if (a.size() <= 18 && a.find_first_not_of("0123456789") == std::string::npos)
      in.ad_audit_id = std::stoll(a);
    else
      in.format_errors.push_back({"ad_audit", "continuity.backup_ad_audit_unknown",
                                  labelled("ad_audit") + "audit AD inconnu."});
  }
  in.note = get("note");
  in.file_name = std::move(file_name);
  in.file_bytes = std::move(bytes);
  return in;
}

// A file refused for its size or type answers 413 / 415, the field and the code kept.
[[noreturn]] void rethrow_file_status(const UserError& e) {
  if (e.status() == 422 && !e.fields().empty()) {
    const auto& code = e.fields().front().code;
    if (code == "continuity.attachment_too_large")
      throw UserError(413, code, e.fields().front().message, e.fields());
    if (code == "continuity.attachment_type")
      throw UserError(415, code, e.fields().front().message, e.fields());
  }
  throw e;
}

std::string declaration_text(const BackupDeclaration& d) {
  const auto& data = backup_data();
  std::string s =
      data.answer_label(d.answer) + ", le " + french_date_text(format_date(d.declared_on));
  if (!d.auth_mode.empty()) {
    s += " — " + data.auth_mode_label(d.auth_mode);
    if (d.second_factor)
      s += *d.second_factor ? ", double authentification" : ", sans double authentification";
    if (d.ad_level)
      s += ", niveau ANSSI " + std::to_string(*d.ad_level) +
           (d.ad_audit_id ? " (audit AD de l'établissement)" : " (déclaré)");
  }
  return s;
}

struct Refused {
  std::string point;
  std::map<std::string, std::string> values;
  std::vector<carepilot::FieldError> errors;
};

Response backup_page(Context& ctx, Request& req, int status, const Refused* refused) {
  const auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  const auto all = load_backup(ctx.repo.database(), ctx.registry, req.caller.scope, e.finess_et);
  const auto& data = backup_data();
  TemplateDictionary d("backup");
  d.SetValue("NAME", e.name);
  d.SetValue("SOURCE", data.source);
  d.SetValue("BASE", page_url(e.finess_et));
  const bool can_write = req.caller.can(Access::edit_records);
  for (const auto& p : data.points) {
    auto* r = d.AddSectionDictionary("POINT");
    r->SetValue("PT_ID", p.id);
    r->SetValue("PT_LABEL", p.label);
    r->SetValue("PT_OBJECTIVE", p.objective);
    const BackupDeclaration* c = counting(all, p.id);
    if (c) {
      auto* cur = r->AddSectionDictionary("PT_CURRENT");
      cur->SetValue("PT_ANSWER", declaration_text(*c));
      cur->SetIntValue("PT_VERSION", c->version);
      if (!c->note.empty()) cur->SetValue("PT_NOTE", c->note);
      if (c->document) {
        auto* doc = cur->AddSectionDictionary("PT_DOC");
        doc->SetValue("PT_DOC_URL", page_url(e.finess_et) + "/" + std::to_string(c->id) + "/piece");
        doc->SetValue("PT_DOC_NAME", c->document->file_name);
      } else {
        cur->ShowSection("PT_NO_DOC");
      }
    } else {
      r->ShowSection("PT_NONE");
    }
    for (const auto& v : all) {
      if (v.point != p.id) continue;
      auto* h = r->AddSectionDictionary("PT_VERSION_ROW");
      h->SetIntValue("V_VERSION", v.version);
      h->SetValue("V_TEXT", declaration_text(v));
      h->SetValue("V_BY", actor_label(v.created_by));
      if (v.withdrawal.withdrawn())
        h->SetValue("V_STATE", "retirée : " + v.withdrawal.reason);
      else
        h->SetValue("V_STATE", &v == c ? "compte" : "remplacée");
      // The version that counts can be withdrawn (with a reason; kept, never deleted).
      if (&v == c && can_write)
        h->AddSectionDictionary("V_WITHDRAW")
            ->SetValue("V_WITHDRAW_URL",
                       page_url(e.finess_et) + "/" + std::to_string(v.id) + "/retirer");
    }
    if (!can_write) continue;
    auto* f = r->AddSectionDictionary("PT_FORM");
    const bool mine = refused && refused->point == p.id;
    f->SetValue("EXPANDED", mine ? "true" : "false");
    auto value = [&](const char* k) {
      if (!mine) return std::string();
      auto it = refused->values.find(k);
      return it == refused->values.end() ? std::string() : it->second;
    };
    for (const auto& a : data.answers) {
      auto* o = f->AddSectionDictionary("F_ANSWER");
      o->SetValue("F_A_ID", a.id);
      o->SetValue("F_A_LABEL", a.label);
      if (value("answer") == a.id) o->ShowSection("F_A_CHECKED");
    }
    f->SetValue("F_DATE_LABEL", p.date_label);
    f->SetValue("F_DATE", value("declared_on"));
    f->SetValue("F_NOTE", value("note"));
    if (p.auth) {
      auto* au = f->AddSectionDictionary("F_AUTH");
      for (const auto& m : data.auth_modes) {
        auto* o = au->AddSectionDictionary("F_MODE");
        o->SetValue("F_M_ID", m.id);
        o->SetValue("F_M_LABEL", m.label);
        if (value("auth_mode") == m.id) o->ShowSection("F_M_SELECTED");
      }
      au->SetValue("F_LEVEL", value("ad_level"));
      au->SetIntValue("F_LEVEL_REQUIRED", data.ads_level_required);
    }
    if (mine) {
      auto* er = f->AddSectionDictionary("F_ERRORS");
      for (const auto& err : refused->errors) {
        std::string message = page_message(err);
        // The date is named as the point's form names it (« Date de la vérification »), not
        // by the generic « Date de déclaration » (issue 15 trial).
        const std::string generic = std::string(field_label("declared_on")) + " : ";
        if (err.field == "declared_on" && message.rfind(generic, 0) == 0)
          message = p.date_label + " : " + message.substr(generic.size());
        er->AddSectionDictionary("F_ERROR")->SetValue("F_MESSAGE", message);
      }
    }
  }
  std::string flash;
  if (req.q("enregistre") == "sauvegarde") flash = "Déclaration enregistrée.";
  if (req.q("retire") == "sauvegarde") flash = "Déclaration retirée ; elle reste conservée.";
  return Response::html(
      http::render_page("backup.tpl", d,
                        registry::page_meta(e, "Sauvegardes",
                                            {{"Continuité d'activité",
                                              "/etablissements/" + e.finess_et + "/continuite"},
                                             {"Sauvegardes", ""}},
                                            flash)),
      status);
}

// The confirmation page of a version's withdrawal (http/withdrawal_page.hpp): 404 for a
// version of another establishment; the withdrawal already made when it was.
Response withdraw_page(Context& ctx, Request& req, int status, const std::string& reason,
                       const std::string& error) {
  const auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  const auto id = decl_id(req);
  std::optional<BackupDeclaration> found;
  for (const auto& d :
       load_backup(ctx.repo.database(), ctx.registry, req.caller.scope, e.finess_et))
    if (d.id == id) found = d;
  if (!found) throw UserError::not_found("Déclaration de sauvegarde introuvable.");
  const auto* point = backup_data().point(found->point);
  http::WithdrawalPage p;
  p.heading = "Retirer une déclaration de sauvegarde";
  p.name = e.name;
  p.finess = e.finess_et;
  p.facts = {{"Point", point ? point->label : found->point},
             {"Version", std::to_string(found->version)},
             {"Réponse", declaration_text(*found)},
             {"Pièce justificative",
              found->document ? found->document->file_name : std::string("aucune")}};
  p.current = found->withdrawal;
  p.act = "Le retrait d'une déclaration de sauvegarde";
  p.consequence =
      "Le point redevient « Non déclaré », ou reprend la version précédente non retirée ; la "
      "déclaration et sa pièce restent conservées.";
  p.already_title = "Cette déclaration a déjà été retirée";
  p.action_url = page_url(e.finess_et) + "/" + std::to_string(id) + "/retirer";
  p.back_url = page_url(e.finess_et);
  p.back_label = "Retour aux sauvegardes";
  p.reason = reason;
  p.error = error;
  return http::withdrawal_page(
      req, p,
      registry::page_meta(
          e, p.heading,
          {{"Continuité d'activité", "/etablissements/" + e.finess_et + "/continuite"},
           {"Sauvegardes", page_url(e.finess_et)},
           {"Retirer", ""}},
          ""),
      status);
}

}  // namespace

void add_backup_routes(http::RouteTable& routes, Context& ctx) {
  const std::string api = "/api/v1/establishments/:finess/continuity/backup";
  routes.get(api, RouteKind::api, [&ctx](Request& req) {
    const auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    return Response::json(http::dump(
        backup_json(load_backup(ctx.repo.database(), ctx.registry, req.caller.scope, e.finess_et),
                    e.finess_et)));
  });
  routes.add({"POST", api + "/:point", RouteKind::api,
              [&ctx](Request& req) {
                const auto body = http::parse_json_body(req);  // 415, 400
                const auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
                try {
                  const auto d = declare_backup(ctx.repo.database(), ctx.registry, req.caller.scope,
                                                e.finess_et, req.param("point"),
                                                input_from_json(body), ctx.today(), req.actor());
                  return Response::json(http::dump(declaration_json(d, e.finess_et)), 201);
                } catch (const UserError& err) {
                  rethrow_file_status(err);
                }
              },
              files::kMaxAttachmentBytes * 2 + (1u << 20)});
  routes.add({"DELETE", api + "/declarations/:id", RouteKind::api,
              [&ctx](Request& req) {
                const std::string reason = http::withdrawal_reason_from_json(req);
                const auto id = decl_id(req);
                const auto all = load_backup(ctx.repo.database(), ctx.registry, req.caller.scope,
                                             req.param("finess"));
                bool current = false;
                for (const auto& d : all) current = current || (d.id == id && d.counts());
                if (!current) throw UserError::not_found("Déclaration de sauvegarde introuvable.");
                http::require_second_factor(req, "Le retrait d'une déclaration de sauvegarde");
                const auto d = withdraw_backup(ctx.repo.database(), ctx.registry, req.caller.scope,
                                               req.param("finess"), id, reason, req.actor());
                return Response::json(http::dump(declaration_json(d, req.param("finess"))));
              },
              ctx.max_json_bytes});
  auto download = [&ctx](Request& req) {
    auto f = backup_file(ctx.repo.database(), ctx.registry, req.caller.scope, req.param("finess"),
                         decl_id(req));
    return Response::text(std::move(f.bytes), f.content_type)
        .header("Content-Disposition", files::content_disposition(f.file_name));
  };
  routes.get(api + "/declarations/:id/document", RouteKind::api, download);

  const std::string page = "/etablissements/:finess/continuite/sauvegardes";
  routes.get(page, RouteKind::page,
             [&ctx](Request& req) { return backup_page(ctx, req, 200, nullptr); });
  routes.get(page + "/:id/piece", RouteKind::page, download);
  // Withdrawing a version from the page: its confirmation, then the withdrawal (a reason and
  // the second factor; 409 with the page when it was withdrawn meanwhile).
  routes.get(
      page + "/:id/retirer", RouteKind::page,
      [&ctx](Request& req) { return withdraw_page(ctx, req, 200, "", ""); }, false,
      Access::edit_records);
  routes.post(page + "/:id/retirer", RouteKind::page, [&ctx](Request& req) {
    const auto id = decl_id(req);
    return http::post_withdrawal(
        req, {"Le retrait d'une déclaration de sauvegarde",
              [&] {
                bool current = false;
                for (const auto& d : load_backup(ctx.repo.database(), ctx.registry,
                                                 req.caller.scope, req.param("finess")))  // 404
                  if (d.id == id) current = d.counts();
                return current;  // false: 404 or already withdrawn (the page says which)
              },
              [&](const std::string& reason) {
                withdraw_backup(ctx.repo.database(), ctx.registry, req.caller.scope,
                                req.param("finess"), id, reason, req.actor());
              },
              [&](int status, const std::string& reason, const std::string& error) {
                return withdraw_page(ctx, req, status, reason, error);
              },
              page_url(req.param("finess")) + "?retire=sauvegarde",
              {}});
  });
  // One point's answer (multipart: the fields and the part "file"): refused, the page again
  // with the values typed and the fields named (413 too big, 415 type refused, 422 otherwise).
  routes.post(
      page + "/:point", RouteKind::page,
      [&ctx](Request& req) {
        std::map<std::string, std::string> fields;
        std::string file_name, bytes;
        for (auto& part : http::parse_multipart(req)) {  // 415, 400
          if (part.name == "file") {
            file_name = part.filename;
            bytes = std::move(part.body);
          } else {
            fields[part.name] = part.body;
          }
        }
        const auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));  // 404
        const std::string point = req.param("point");
        if (!backup_data().point(point))
          throw UserError::not_found("Point de sauvegarde introuvable.");
        try {
          declare_backup(ctx.repo.database(), ctx.registry, req.caller.scope, e.finess_et, point,
                         input_from_form(fields, file_name, std::move(bytes)), ctx.today(),
                         req.actor());
        } catch (const UserError& err) {
          if (err.status() != 422) throw;
          const Refused r{point, fields, err.fields()};
          int status = 422;
          if (!err.fields().empty() && err.fields().front().code == "continuity.attachment_type")
            status = 415;
          if (!err.fields().empty() &&
              err.fields().front().code == "continuity.attachment_too_large")
            status = 413;
          return backup_page(ctx, req, status, &r);
        }
        return Response::redirect(page_url(e.finess_et) + "?enregistre=sauvegarde");
      },
      // Room for a file over the limit with the fields: it is refused by the attachment check,
      // which names the field and keeps what was typed.
      files::kMaxAttachmentBytes * 2 + (1u << 20));
  // Larger still: the body is not read, the page names the file's field and its limit.
  routes.too_large([&ctx](Request& req) {
    const Refused r{req.param("point"),
                    {},
                    {{"backup_document", "continuity.attachment_too_large",
                      std::string(field_label("backup_document")) +
                          " : le fichier dépasse la taille maximale de " +
                          french_file_size(static_cast<std::int64_t>(files::kMaxAttachmentBytes)) +
                          " ; rien n'a été enregistré, saisissez de nouveau la réponse."}}};
    return backup_page(ctx, req, 413, &r);
  });
}

}  // namespace carepilot::continuity
