// The confirmation page of a withdrawal (issue 12, point 1), shared by the modules: it names
// the object, asks for the « Motif du retrait » (or, without the second factor, says how to
// enrol), or shows the withdrawal already made.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/errors.hpp"
#include "common/withdrawal.hpp"
#include "http/request.hpp"
#include "http/templates.hpp"

namespace carepilot::http {

struct WithdrawalPage {
  std::string heading;       // "Retirer l'action PAQ n° 12 : Sauvegardes hors ligne"
  std::string name, finess;  // the establishment
  std::vector<std::pair<std::string, std::string>> facts;  // (label, value) naming the object
  std::string act;            // "Le retrait d'une action PAQ" (needs the second factor)
  std::string consequence;    // what the withdrawal changes
  std::string already_title;  // "Cette action a déjà été retirée"
  std::string action_url;     // the POST target
  std::string back_url, back_label;
  Withdrawal current;   // the object's withdrawal, when already made
  std::string reason;   // the reason typed (shown again on 422)
  std::string error;    // the 422 message
  std::string nothing;  // when set: nothing to withdraw (this message, no form)
  // Where the withdrawn object stays, when the page says it better than the general sentence
  // (« l'objet retiré reste visible dans la section des éléments retirés et dans le journal »);
  // `examples`: the reasons suggested under « Motif du retrait », idem.
  std::string kept, examples;
};

// The reason of an API withdrawal (DELETE): the body {"reason": "…"} (an empty body is an
// empty reason, refused later with 422 naming « Motif du retrait »); 400/415 when the body
// is not a JSON object.
std::string withdrawal_reason_from_json(const Request& req);

Response withdrawal_page(const Request& req, const WithdrawalPage& p, const PageMeta& meta,
                         int status);

// The POST of a confirmation page, the same in every module: reads the form's « motif » (400
// when the body is not a form; not UTF-8: read as Windows-1252 and shown again, 422, the
// refusal naming « Motif du retrait »); `current` finds the object (throwing 404) and says whether
// it may still be withdrawn (false: the page again with 409, the withdrawal made meanwhile shown);
// then the second factor (403, `act` names what needs it); then `withdraw`: a 422 shows the page
// again with the reason typed and the message, unless `rethrow` says it is an answer of its own;
// done, a redirect (303) to `done_url`.
struct WithdrawalPost {
  std::string act;  // "Le retrait d'une déclaration de sauvegarde"
  std::function<bool()> current;
  std::function<void(const std::string& reason)> withdraw;
  // The confirmation page: (status, reason typed, error message).
  std::function<Response(int, const std::string&, const std::string&)> page;
  std::string done_url;
  std::function<bool(const carepilot::UserError&)> rethrow;  // may be empty
};
Response post_withdrawal(const Request& req, const WithdrawalPost& w);

}  // namespace carepilot::http
