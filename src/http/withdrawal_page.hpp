// The confirmation page of a withdrawal (issue 12, point 1), shared by the modules: it names
// the object, asks for the « Motif du retrait » (or, without the second factor, says how to
// enrol), or shows the withdrawal already made.
#pragma once

#include <string>
#include <utility>
#include <vector>

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
};

// The reason of an API withdrawal (DELETE): the body {"reason": "…"} (an empty body is an
// empty reason, refused later with 422 naming « Motif du retrait »); 400/415 when the body
// is not a JSON object.
std::string withdrawal_reason_from_json(const Request& req);

Response withdrawal_page(const Request& req, const WithdrawalPage& p, const PageMeta& meta,
                         int status);

}  // namespace carepilot::http
