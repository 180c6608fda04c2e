#include "jobs/upload_state.hpp"

namespace carepilot::jobs {

std::string_view state_name(UploadState s) {
  switch (s) {
    case UploadState::queued:
      return "queued";
    case UploadState::running:
      return "running";
    case UploadState::done:
      return "done";
    case UploadState::failed:
      return "failed";
  }
  return "failed";
}

UploadState parse_state(const std::string& s) {
  if (s == "queued") return UploadState::queued;
  if (s == "running") return UploadState::running;
  if (s == "done") return UploadState::done;
  return UploadState::failed;
}

std::string state_badge(UploadState s) {
  switch (s) {
    case UploadState::queued:
      return "info";
    case UploadState::running:
      return "new";
    case UploadState::done:
      return "success";
    case UploadState::failed:
      return "error";
  }
  return "info";
}

std::string upload_flash(UploadState s, std::string_view started, std::string_view done) {
  switch (s) {
    case UploadState::queued:
    case UploadState::running:
      return std::string(started);
    case UploadState::done:
      return std::string(done);
    case UploadState::failed:
      return "";
  }
  return "";
}

}  // namespace carepilot::jobs
