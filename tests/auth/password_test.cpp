#include "auth/password.hpp"

#include <gtest/gtest.h>

#include <sodium.h>

#include <string>

using namespace carepilot::auth;

namespace {
const char* kEmail = "jean.dupont@chu-exemple.fr";
}  // namespace

TEST(Password, HashIsArgon2idWithParameters) {
  std::string h = hash_password("une phrase de passe", minimal_hash_cost());
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u) << h;
  EXPECT_NE(h.find("m="), std::string::npos);
  EXPECT_NE(h.find("t="), std::string::npos);
  EXPECT_NE(h, hash_password("une phrase de passe", minimal_hash_cost()));  // salted
}

TEST(Password, Verify) {
  std::string h = hash_password("une phrase de passe", minimal_hash_cost());
  EXPECT_TRUE(verify_password(h, "une phrase de passe"));
  EXPECT_FALSE(verify_password(h, "une phrase de passe!"));
  EXPECT_FALSE(verify_password(h, ""));
  EXPECT_FALSE(verify_password("", "une phrase de passe"));
  EXPECT_FALSE(verify_password("$argon2id$v=19$m=8,t=1,p=1$abc", "x"));
  EXPECT_FALSE(verify_password("n'importe quoi", "une phrase de passe"));
  EXPECT_FALSE(verify_password(h.substr(0, h.size() - 4), "une phrase de passe"));
}

TEST(Password, NeedsRehash) {
  std::string h = hash_password("une phrase de passe", minimal_hash_cost());
  EXPECT_FALSE(needs_rehash(h, minimal_hash_cost()));
  HashCost more = minimal_hash_cost();
  more.opslimit += 1;
  EXPECT_TRUE(needs_rehash(h, more));
  EXPECT_TRUE(needs_rehash(h, default_hash_cost()));
  EXPECT_TRUE(needs_rehash("malformé", minimal_hash_cost()));
}

TEST(PasswordProblem, Length) {
  EXPECT_TRUE(password_problem("kx7-Vbq2-pLm", kEmail) == std::nullopt);  // 12
  ASSERT_TRUE(password_problem("kx7-Vbq2-pL", kEmail).has_value());       // 11
  EXPECT_NE(password_problem("kx7-Vbq2-pL", kEmail)->find("12"), std::string::npos);
  // 12 code points of two bytes each: accepted; 11 refused although 22 bytes.
  EXPECT_EQ(password_problem("éàèùâêîôûçëï", kEmail), std::nullopt);
  EXPECT_TRUE(password_problem("éàèùâêîôûçë", kEmail).has_value());
  EXPECT_TRUE(password_problem(std::string(257, 'a') + "b", kEmail).has_value());
}

TEST(PasswordProblem, InvalidUtf8) {
  auto p = password_problem("abcdefghijk\xC3\x28xyz", kEmail);
  ASSERT_TRUE(p.has_value());
  EXPECT_NE(p->find("caractères"), std::string::npos);
  EXPECT_TRUE(password_problem("abcdefghijklm\xFF", kEmail).has_value());
}

TEST(PasswordProblem, CommonPasswords) {
  EXPECT_TRUE(password_problem("motdepasse123", kEmail).has_value());
  EXPECT_TRUE(password_problem("MOTDEPASSE123", kEmail).has_value());
  EXPECT_TRUE(password_problem("azertyuiop2026!", kEmail).has_value());
  EXPECT_TRUE(password_problem("Azertyuiop2026!", kEmail).has_value());
  EXPECT_TRUE(password_problem("administrateur", kEmail).has_value());
  EXPECT_TRUE(password_problem("Infirmiere2026!", kEmail).has_value());
  EXPECT_TRUE(password_problem("123456789012", kEmail).has_value());
  EXPECT_NE(password_problem("bonjourbonjour", kEmail)->find("courant"), std::string::npos);
  // The stripped form counts only when it is itself listed.
  EXPECT_EQ(password_problem("tulipe-rouge-2026!", kEmail), std::nullopt);
  EXPECT_EQ(password_problem("989731205864", kEmail), std::nullopt);
}

TEST(PasswordProblem, RepeatedCharacter) {
  EXPECT_TRUE(password_problem("zzzzzzzzzzzzzz", kEmail).has_value());
  EXPECT_TRUE(password_problem("éééééééééééé", kEmail).has_value());
}

TEST(PasswordProblem, EmailLocalPart) {
  auto p = password_problem("jean.dupont-2026!x", kEmail);
  ASSERT_TRUE(p.has_value());
  EXPECT_NE(p->find("e-mail"), std::string::npos);
  EXPECT_TRUE(password_problem("xJean.Dupont-2026", kEmail).has_value());
  EXPECT_EQ(password_problem("jean.dupont-2026!x", "marie@exemple.fr"), std::nullopt);
}

TEST(PasswordProblem, GoodPassphrase) {
  EXPECT_EQ(password_problem("cheval correct agrafe pile", kEmail), std::nullopt);
  EXPECT_EQ(password_problem("Le chat dort sur la Loire 7", kEmail), std::nullopt);
}

// Field case password-unicode-forms: "Blouse-blanche-été-Kéraudren" with precomposed (NFC) or
// decomposed (NFD) accents, and compatibility forms NFKC folds.
namespace {
const std::string kNfc = "Blouse-blanche-\xC3\xA9t\xC3\xA9-K\xC3\xA9raudren";
const std::string kNfd = "Blouse-blanche-e\xCC\x81te\xCC\x81-Ke\xCC\x81raudren";
// Full-width "Ｂ" (U+FF22) and the ligature "ﬂ" (U+FB02) for "B" and "fl".
const std::string kFullWidth = "\xEF\xBC\xA2louse-blanche-\xC3\xA9t\xC3\xA9-K\xC3\xA9raudren";
}  // namespace

TEST(PasswordNormalisation, NfcNfdAndCompatibilityFormsAreOnePassword) {
  ASSERT_NE(kNfc, kNfd);
  EXPECT_EQ(normalize_password(kNfd), kNfc);
  EXPECT_EQ(normalize_password(kNfc), kNfc);
  EXPECT_EQ(normalize_password(kFullWidth), kNfc);
  EXPECT_EQ(normalize_password("sou\xEF\xAC\x82"
                               "e"),
            "soufle");                                  // ﬂ -> fl
  EXPECT_EQ(normalize_password("abc\xFF"), "abc\xFF");  // invalid UTF-8 kept
  for (const auto& set : {kNfc, kNfd, kFullWidth}) {
    std::string h = hash_password(set, minimal_hash_cost());
    for (const auto& typed : {kNfc, kNfd, kFullWidth}) {
      EXPECT_EQ(match_password(h, typed), PasswordMatch::yes);
      EXPECT_TRUE(verify_password(h, typed));
    }
    // Other letters stay other passwords: "e" without an accent, another accent.
    EXPECT_FALSE(verify_password(h, "Blouse-blanche-ete-Keraudren"));
    EXPECT_FALSE(verify_password(h, "Blouse-blanche-\xC3\xA8t\xC3\xA8-K\xC3\xA8raudren"));
    EXPECT_FALSE(verify_password(h, "blouse-blanche-\xC3\xA9t\xC3\xA9-k\xC3\xA9raudren"));
  }
}

TEST(PasswordNormalisation, HashesMadeBeforeNormalisationStillMatchAndAskForARehash) {
  auto raw_hash = [](const std::string& p) {
    // What hash_password stored before: the bytes as typed.
    char out[crypto_pwhash_STRBYTES];
    EXPECT_EQ(
        crypto_pwhash_str_alg(out, p.data(), p.size(), crypto_pwhash_argon2id_OPSLIMIT_MIN,
                              crypto_pwhash_argon2id_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13),
        0);
    return std::string(out);
  };
  // Set in NFC before: NFKC of any form is the NFC form, so it is an up-to-date hash.
  std::string nfc = raw_hash(kNfc);
  EXPECT_EQ(match_password(nfc, kNfc), PasswordMatch::yes);
  EXPECT_EQ(match_password(nfc, kNfd), PasswordMatch::yes);
  // Set in NFD before: accepted typed in NFD or NFC, flagged for a rehash.
  std::string nfd = raw_hash(kNfd);
  EXPECT_EQ(match_password(nfd, kNfd), PasswordMatch::legacy);
  EXPECT_EQ(match_password(nfd, kNfc), PasswordMatch::legacy);
  EXPECT_EQ(match_password(nfd, "Blouse-blanche-ete-Keraudren"), PasswordMatch::no);
  // Set with a compatibility character before: accepted as typed, then rehashed.
  std::string fw = raw_hash(kFullWidth);
  EXPECT_EQ(match_password(fw, kFullWidth), PasswordMatch::legacy);
  std::string again = hash_password(kFullWidth, minimal_hash_cost());
  EXPECT_EQ(match_password(again, kNfd), PasswordMatch::yes);
}
