// Errors that reach a user: a stable code (for the API), an HTTP status and a French message,
// optionally one entry per faulty field. Thrown by feature modules, rendered by web/.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace carepilot {

struct FieldError {
  std::string field;
  std::string code;
  std::string message;  // French
};

class UserError : public std::runtime_error {
 public:
  UserError(int status, std::string code, std::string message, std::vector<FieldError> fields = {})
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        fields_(std::move(fields)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::vector<FieldError>& fields() const { return fields_; }

  static UserError not_found(std::string what = "Ressource introuvable.") {
    return {404, "not_found", std::move(what)};
  }
  // 422 with the first field's code as the error code (e.g. finess.invalid_key).
  static UserError invalid(std::vector<FieldError> fields) {
    std::string code = fields.empty() ? "validation.failed" : fields.front().code;
    std::string msg = fields.empty() ? "Données invalides." : fields.front().message;
    return {422, std::move(code), std::move(msg), std::move(fields)};
  }

 private:
  int status_;
  std::string code_;
  std::vector<FieldError> fields_;
};

}  // namespace carepilot
