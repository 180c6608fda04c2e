#include "auth/totp.hpp"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <algorithm>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>

using namespace carepilot::auth;

namespace {
// RFC 6238 appendix B: ASCII "12345678901234567890".
const std::string kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
}  // namespace

TEST(Totp, Rfc6238Vectors) {
  EXPECT_EQ(totp_code(kRfcSecret, 59, 8), "94287082");
  EXPECT_EQ(totp_code(kRfcSecret, 1111111109, 8), "07081804");
  EXPECT_EQ(totp_code(kRfcSecret, 1111111111, 8), "14050471");
  EXPECT_EQ(totp_code(kRfcSecret, 1234567890, 8), "89005924");
  EXPECT_EQ(totp_code(kRfcSecret, 2000000000, 8), "69279037");
  EXPECT_EQ(totp_code(kRfcSecret, 20000000000LL, 8), "65353130");
}

TEST(Totp, SixDigits) {
  EXPECT_EQ(totp_code(kRfcSecret, 59), "287082");
  EXPECT_EQ(totp_code(kRfcSecret, 1111111109), "081804");
  EXPECT_EQ(totp_code(kRfcSecret, 1234567890), "005924");
  // Same step, same code.
  EXPECT_EQ(totp_code(kRfcSecret, 1234567890), totp_code(kRfcSecret, 1234567890 / 30 * 30));
}

TEST(Totp, LowerCaseSecretAndMalformed) {
  std::string lower = kRfcSecret;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  EXPECT_EQ(totp_code(lower, 59, 8), "94287082");
  EXPECT_THROW(totp_code("", 59), std::invalid_argument);
  EXPECT_THROW(totp_code("not base32 at all!", 59), std::invalid_argument);
  EXPECT_THROW(totp_code("GEZDGNBV0189", 59), std::invalid_argument);
}

TEST(Totp, MatchWindow) {
  const std::int64_t now = 1700000015;
  const std::int64_t step = now / 30;
  EXPECT_EQ(totp_match(kRfcSecret, totp_code(kRfcSecret, now), now), step);
  EXPECT_EQ(totp_match(kRfcSecret, totp_code(kRfcSecret, now - 30), now), step - 1);
  EXPECT_EQ(totp_match(kRfcSecret, totp_code(kRfcSecret, now + 30), now), step + 1);
  EXPECT_EQ(totp_match(kRfcSecret, totp_code(kRfcSecret, now - 60), now), std::nullopt);
  EXPECT_EQ(totp_match(kRfcSecret, totp_code(kRfcSecret, now + 60), now), std::nullopt);
  EXPECT_EQ(totp_match(kRfcSecret, totp_code(kRfcSecret, now - 60), now, 2), step - 2);
  EXPECT_EQ(totp_match(kRfcSecret, totp_code(kRfcSecret, now + 30), now, 0), std::nullopt);
}

TEST(Totp, MatchRefusesBadInput) {
  const std::int64_t now = 1700000015;
  std::string code = totp_code(kRfcSecret, now);
  EXPECT_EQ(totp_match(kRfcSecret, "", now), std::nullopt);
  EXPECT_EQ(totp_match(kRfcSecret, code.substr(0, 5), now), std::nullopt);
  EXPECT_EQ(totp_match(kRfcSecret, code + "0", now), std::nullopt);
  EXPECT_EQ(totp_match(kRfcSecret, totp_code(kRfcSecret, now, 8), now), std::nullopt);
  EXPECT_EQ(totp_match(kRfcSecret, "12a456", now), std::nullopt);
  EXPECT_EQ(totp_match(kRfcSecret, " " + code.substr(1), now), std::nullopt);
  EXPECT_EQ(totp_match(kRfcSecret, "-12345", now), std::nullopt);
}

TEST(Totp, NewSecret) {
  std::string a = new_totp_secret();
  std::string b = new_totp_secret();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_TRUE(std::regex_match(a, std::regex("[A-Z2-7]{32}"))) << a;
  EXPECT_NE(a, b);
  EXPECT_EQ(totp_code(a, 1000).size(), 6u);
}

TEST(Totp, OtpauthUri) {
  std::string uri = otpauth_uri("CarePilot", "jean.dupont+test@chu-exemple.fr", kRfcSecret);
  EXPECT_EQ(uri.rfind("otpauth://totp/CarePilot:jean.dupont%2Btest%40chu-exemple.fr?", 0), 0u)
      << uri;
  EXPECT_NE(uri.find("secret=" + kRfcSecret), std::string::npos);
  EXPECT_NE(uri.find("issuer=CarePilot"), std::string::npos);
  EXPECT_NE(uri.find("algorithm=SHA1"), std::string::npos);
  EXPECT_NE(uri.find("digits=6"), std::string::npos);
  EXPECT_NE(uri.find("period=30"), std::string::npos);
  EXPECT_EQ(uri.find('@'), std::string::npos);
  EXPECT_EQ(uri.find('+'), std::string::npos);
  std::string spaced = otpauth_uri("Care Pilot", "a@b.fr", kRfcSecret);
  EXPECT_NE(spaced.find("otpauth://totp/Care%20Pilot:a%40b.fr"), std::string::npos) << spaced;
  EXPECT_NE(spaced.find("issuer=Care%20Pilot"), std::string::npos);
}

TEST(Totp, QrSvg) {
  std::string text = otpauth_uri("CarePilot", "jean.dupont@chu-exemple.fr", kRfcSecret);
  std::string svg = qr_svg(text, "QR code <d'enrôlement> & \"TOTP\"");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"QR code &lt;d&apos;enrôlement&gt; &amp; &quot;TOTP&quot;\""),
            std::string::npos)
      << svg;
  EXPECT_EQ(svg.find("<d'"), std::string::npos);
  QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  ASSERT_NE(qr, nullptr);
  std::string n = std::to_string(qr->width + 8);
  QRcode_free(qr);
  EXPECT_NE(svg.find("viewBox=\"0 0 " + n + " " + n + "\""), std::string::npos) << svg;
  EXPECT_EQ(std::count(svg.begin(), svg.end(), '<'), std::count(svg.begin(), svg.end(), '>'));
  EXPECT_EQ(std::count(svg.begin(), svg.end(), '<') - 1,  // the closing tag
            2 + 1);                                       // <svg>, <rect/>, <path/>
  // Quiet zone: no module drawn before x=4, y=4.
  EXPECT_NE(svg.find("d=\"M4 4h"), std::string::npos);  // the finder pattern's corner
}

TEST(RecoveryCodes, CountFormatUniqueness) {
  auto codes = new_recovery_codes();
  EXPECT_EQ(codes.size(), 10u);
  EXPECT_EQ(new_recovery_codes(3).size(), 3u);
  EXPECT_TRUE(new_recovery_codes(0).empty());
  std::set<std::string> seen;
  std::regex format("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}");
  for (const auto& c : new_recovery_codes(50)) {
    EXPECT_TRUE(std::regex_match(c, format)) << c;
    EXPECT_EQ(c.find_first_of("01ilo"), std::string::npos) << c;
    EXPECT_EQ(normalize_recovery_code(c), c);
    seen.insert(c);
  }
  EXPECT_EQ(seen.size(), 50u);
}

TEST(RecoveryCodes, Normalize) {
  EXPECT_EQ(normalize_recovery_code("ABCD EFGH-ijkl"), "abcd-efgh-ijkl");
  EXPECT_EQ(normalize_recovery_code("abcdefghjkmn"), "abcd-efgh-jkmn");
  EXPECT_EQ(normalize_recovery_code("  abcd-efgh-jkmn \n"), "abcd-efgh-jkmn");
  EXPECT_EQ(normalize_recovery_code("AB-CD-EF-GH-JK-MN"), "abcd-efgh-jkmn");
  EXPECT_EQ(normalize_recovery_code("abc"), "abc");
  EXPECT_NE(normalize_recovery_code("abcd-efgh-jkmnp"), "abcd-efgh-jkmn");
}

TEST(RandomToken, HexOfRequestedLength) {
  std::string t = random_token();
  EXPECT_EQ(t.size(), 64u);
  EXPECT_TRUE(std::regex_match(t, std::regex("[0-9a-f]{64}")));
  EXPECT_NE(t, random_token());
  EXPECT_EQ(random_token(16).size(), 32u);
}
