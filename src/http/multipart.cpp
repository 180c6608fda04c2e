#include "http/multipart.hpp"

#include <restinio/helpers/http_field_parsers/content-disposition.hpp>
#include <restinio/helpers/http_field_parsers/content-type.hpp>
#include <restinio/helpers/multipart_body.hpp>

#include "common/errors.hpp"
#include "common/text.hpp"

namespace carepilot::http {

namespace hfp = restinio::http_field_parsers;
namespace mp = restinio::multipart_body;

std::vector<FormPart> parse_multipart(const Request& req, TextCheck check) {
  const std::string ct = req.header("content-type");
  auto parsed = hfp::content_type_value_t::try_parse(ct);
  if (!parsed || parsed->media_type.type != "multipart" ||
      parsed->media_type.subtype != "form-data")
    throw UserError(415, "request.unsupported_media_type",
                    "Le formulaire doit être envoyé en multipart/form-data.");
  auto boundary = hfp::find_first(parsed->media_type.parameters, "boundary");
  if (!boundary || mp::check_boundary_value(*boundary))
    throw UserError(400, "request.malformed_multipart", "Délimiteur multipart absent ou invalide.");
  std::string mark = "--" + std::string(boundary->data(), boundary->size());
  std::vector<FormPart> parts;
  for (auto raw : mp::split_multipart_body(req.body, mark)) {
    auto part = mp::try_parse_part(raw);
    if (!part)
      throw UserError(400, "request.malformed_multipart", "Partie de formulaire illisible.");
    FormPart fp;
    bool file = false;
    fp.body.assign(part->body.data(), part->body.size());
    part->fields.for_each_field([&](const restinio::http_header_field_t& f) {
      std::string name = f.name();
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (name == "content-type") fp.content_type = f.value();
      if (name != "content-disposition") return;
      auto cd = hfp::content_disposition_value_t::try_parse(f.value());
      if (!cd) return;
      if (auto n = hfp::find_first(cd->parameters, "name")) fp.name.assign(n->data(), n->size());
      if (auto fn = hfp::find_first(cd->parameters, "filename")) {
        fp.filename.assign(fn->data(), fn->size());
        file = true;
      }
    });
    // A text field (no file name, no media type or a text one) must be UTF-8, like a
    // url-encoded field; a file part holds any bytes (its reader checks its format).
    const bool text = fp.content_type.empty() || fp.content_type.rfind("text/", 0) == 0;
    if (check == TextCheck::utf8 && !file && text && !valid_utf8(fp.body))
      throw text_not_utf8(fp.name);
    parts.push_back(std::move(fp));
  }
  if (parts.empty())
    throw UserError(400, "request.malformed_multipart", "Formulaire multipart vide.");
  return parts;
}

}  // namespace carepilot::http
