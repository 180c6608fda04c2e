// One page form's post, as the module pages that re-show a refused form do it (continuity,
// identification): the url-encoded body is parsed (400 when malformed), the establishment is
// checked visible (404), the module saves; a 422 shows the page again with the values typed
// and the refusals (each naming its field), anything else redirects (303) to `done_url`.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "http/request.hpp"

namespace carepilot::http {

// A refused form: which one, what was typed, why it was refused.
struct PostedForm {
  std::string form;
  std::map<std::string, std::string> values;
  std::vector<FieldError> errors;
};

// `check(req)` throws 404 when the establishment is not visible; `save(fields)` throws the
// UserError 422 of a refusal; `show(posted)` renders the page with the form again.
template <typename Check, typename Save, typename Show>
Response post_form(Request& req, const char* form, const std::string& done_url, Check check,
                   Save save, Show show) {
  std::map<std::string, std::string> fields;
  auto read = read_page_form(req.body);  // 400
  for (auto& [k, v] : read.pairs) fields[k] = v;
  check(req);                                                                        // 404
  if (!read.not_utf8.empty()) return show(PostedForm{form, fields, read.not_utf8});  // 422
  try {
    save(fields);
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    const PostedForm posted{form, fields, err.fields()};
    return show(posted);
  }
  return Response::redirect(done_url);
}

}  // namespace carepilot::http
