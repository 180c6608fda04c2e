// Time-based one-time passwords (RFC 6238, HMAC-SHA-1, 6 digits, 30 s steps) with liboath,
// their secrets, the otpauth:// enrolment URI and its QR code drawn as SVG (libqrencode).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carepilot::auth {

inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;

// 20 random bytes (libsodium's randombytes_buf), base32 without padding (32 characters).
std::string new_totp_secret();

// The code for `unix_time` (RFC 6238 with the given digits; SHA-1). The secret is base32.
// Throws std::invalid_argument for a malformed secret.
std::string totp_code(const std::string& base32_secret, std::int64_t unix_time,
                      int digits = kTotpDigits);

// Checks `code` against the steps unix_time/30 - window … + window. Returns the matching
// step (the caller stores it and refuses any step <= the last one used: no replay), or
// nullopt. Non-digit input and wrong length return nullopt.
std::optional<std::int64_t> totp_match(const std::string& base32_secret, std::string_view code,
                                       std::int64_t unix_time, int window = 1);

// otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30,
// percent-encoded.
std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        const std::string& base32_secret);

// A standalone SVG (viewBox in modules, 4-module quiet zone, black modules as one <path>,
// role="img" with an aria-label) of the QR code of `text` (error correction M).
std::string qr_svg(const std::string& text, std::string_view label);

// Single-use recovery codes: `count` codes of the form "xxxx-xxxx-xxxx" (lower-case base32
// alphabet without ambiguous characters), from libsodium's random source.
std::vector<std::string> new_recovery_codes(int count = 10);
// Normalises what a user types (case, spaces, missing dashes) before hashing/comparing.
std::string normalize_recovery_code(std::string_view typed);

// A random opaque token: `bytes` random bytes, hex-encoded (session ids, invitation links,
// CSRF tokens); API tokens add a "cpt_" prefix.
std::string random_token(std::size_t bytes = 32);

}  // namespace carepilot::auth
