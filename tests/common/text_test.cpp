// The UTF-8 checks every reader of a text file or field shares (common/text.hpp): the first
// bad byte and its line, in one piece or block by block, and the iconv decoder of the
// encodings a format may declare.
#include <gtest/gtest.h>

#include <string>

#include "common/text.hpp"

using namespace carepilot;

TEST(Utf8Fault, FindsTheLineOfTheFirstLatin1Byte) {
  EXPECT_FALSE(first_invalid_utf8("a\nHôpital de Cholet\n"));
  const auto f = first_invalid_utf8("a\nb\nH\xF4pital\n\xE9");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->line, 3u);
  EXPECT_EQ(f->offset, 5u);
  // A sequence cut at the end of the text, overlong forms and surrogates are faults.
  EXPECT_EQ(first_invalid_utf8("ok\nfin\xC3")->line, 2u);
  EXPECT_TRUE(first_invalid_utf8("\xC0\xAF"));
  EXPECT_TRUE(first_invalid_utf8("\xED\xA0\x80"));
  EXPECT_FALSE(first_invalid_utf8("\xF0\x9F\x98\x80 œ €"));
  EXPECT_EQ(not_utf8_message("scan.xml", {5, 3}),
            "scan.xml:3: le fichier n'est pas en UTF-8 (encodage Windows-1252 ou Latin-1 ?) : "
            "enregistrez-le en UTF-8 puis recommencez");
}

TEST(Utf8Fault, ABlockBoundaryInsideASequenceIsNoFault) {
  const std::string text = "l1\nl2 é\nl3 €\nl4 \xE9t\xE9\n";
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    Utf8Checker check;
    auto f = check.feed(std::string_view(text).substr(0, cut));
    if (!f) f = check.feed(std::string_view(text).substr(cut));
    if (!f) f = check.finish();
    ASSERT_TRUE(f) << cut;
    EXPECT_EQ(f->line, 4u) << cut;
    EXPECT_EQ(f->offset, text.find('\xE9')) << cut;
  }
  for (std::size_t cut = 0; cut <= 12; ++cut) {
    const std::string good = "l1\nl2 é\nl3 €\n";
    Utf8Checker check;
    EXPECT_FALSE(check.feed(std::string_view(good).substr(0, cut))) << cut;
    EXPECT_FALSE(check.feed(std::string_view(good).substr(cut))) << cut;
    EXPECT_FALSE(check.finish()) << cut;
  }
}

TEST(Utf8Decoder, DecodesTheDeclaredEncodings) {
  EXPECT_EQ(to_utf8("H\xF4pital \xE9t\xE9", "ISO-8859-1").value(), "Hôpital été");
  EXPECT_EQ(to_utf8("\x80 \x9C", "WINDOWS-1252").value(), "€ œ");
  // UTF-16 with its byte-order mark, block by block (a unit cut in two).
  const std::string utf16(
      "\xFF\xFE"
      "H\0\xF4\0\n\0\xAC\x20",
      10);
  Utf8Decoder dec("UTF-16");
  std::string out;
  for (char c : utf16) EXPECT_FALSE(dec.feed(std::string_view(&c, 1), out));
  EXPECT_FALSE(dec.finish());
  EXPECT_EQ(out, "Hô\n€");
  // A byte that windows-1252 leaves undefined is a fault at its line.
  EncodingFault fault;
  EXPECT_FALSE(to_utf8("a\nb\n\x81", "WINDOWS-1252", &fault));
  EXPECT_EQ(fault.line, 3u);
  EXPECT_THROW(Utf8Decoder("NO-SUCH-ENCODING"), std::invalid_argument);
}
