#include "auth/mailer.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>

#include "store/clock.hpp"

namespace carepilot::auth {

namespace {

struct Upload {
  std::string data;
  std::size_t pos = 0;
};

std::size_t read_cb(char* buf, std::size_t size, std::size_t n, void* user) {
  auto* up = static_cast<Upload*>(user);
  std::size_t len = std::min(size * n, up->data.size() - up->pos);
  std::memcpy(buf, up->data.data() + up->pos, len);
  up->pos += len;
  return len;
}

std::string base64(const std::string& s) {
  std::string out(sodium_base64_encoded_len(s.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(s.data()),
                    s.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

void log_line(const std::string& to, const std::string& subject, const std::string& body,
              const std::string& error) {
  nlohmann::json line{{"ts", store::now_utc_iso()},
                      {"level", error.empty() ? "info" : "error"},
                      {"event", "mail"},
                      {"to", to},
                      {"subject", subject},
                      {"body", body}};
  if (!error.empty()) line["error"] = error;
  std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
}

}  // namespace

Mailer make_mailer(const AuthOptions& opts) {
  if (opts.smtp_url.empty())
    return [](const std::string& to, const std::string& subject, const std::string& body) {
      log_line(to, subject, body, "");
    };
  return [opts](const std::string& to, const std::string& subject, const std::string& body) {
    CURL* curl = curl_easy_init();
    if (!curl) return log_line(to, subject, body, "libcurl indisponible");
    Upload up;
    up.data = "From: " + opts.smtp_from + "\r\nTo: " + to + "\r\nSubject: =?UTF-8?B?" +
              base64(subject) +
              "?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body;
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_URL, opts.smtp_url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + opts.smtp_from + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    if (!opts.smtp_user.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, opts.smtp_user.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, opts.smtp_password.c_str());
      curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    }
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(curl, CURLOPT_READDATA, &up);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
    CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) log_line(to, subject, body, curl_easy_strerror(rc));
  };
}

}  // namespace carepilot::auth
