// Text helpers shared by modules: search keys and UTF-8 checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carepilot {

// A search key: lower case, French accents removed (é -> e, œ -> oe), other bytes kept,
// runs of spaces folded. Both stored names and typed queries go through it, so that
// "Hôpital" and "hopital" match on SQLite and PostgreSQL alike.
std::string fold_for_search(std::string_view utf8);

// True when `s` is well-formed UTF-8.
bool valid_utf8(std::string_view s);

// Where a text stops being well-formed in its encoding: the offset of the first bad byte
// from the start of the text and its line (1 for the first; lines end with '\n').
struct EncodingFault {
  std::uint64_t offset = 0;
  std::size_t line = 1;
};

// The first byte of `s` that is not well-formed UTF-8 (a sequence cut at the end counts);
// nullopt when `s` is UTF-8.
std::optional<EncodingFault> first_invalid_utf8(std::string_view s);

// The refusal of a text file that is not UTF-8, in French, in the FILE:LINE form every
// reader uses: « scan.xml:3: le fichier n'est pas en UTF-8 (encodage Windows-1252 ou
// Latin-1 ?) : enregistrez-le en UTF-8 puis recommencez ». `encoding` names another
// expected encoding ("UTF-16") when the format declared it.
std::string not_utf8_message(std::string_view file, const EncodingFault& fault,
                             std::string_view encoding = "UTF-8");
// The same without its "FILE:LINE: " (for a report that gives the line apart).
std::string not_utf8_text(std::string_view encoding = "UTF-8");

// first_invalid_utf8 over a stream read block by block (a sequence may straddle two
// blocks): each fault's offset and line count from the start of the stream.
class Utf8Checker {
 public:
  // The first fault of `block`, or nullopt (a sequence cut at the block's end waits for the
  // next block).
  std::optional<EncodingFault> feed(std::string_view block);
  // The end of the stream: a sequence left incomplete is a fault.
  std::optional<EncodingFault> finish() const;

 private:
  std::string pending_;       // the start of a sequence cut at the previous block's end
  std::uint64_t offset_ = 0;  // bytes checked before pending_
  std::size_t line_ = 1;
};

// Text in an encoding that a format declares (ISO-8859-1, windows-1252, UTF-16 with its
// byte-order mark …) converted to UTF-8 by iconv, block by block. Faults count lines in
// the converted text.
class Utf8Decoder {
 public:
  // Throws std::invalid_argument when iconv does not know `from`.
  explicit Utf8Decoder(const std::string& from);
  ~Utf8Decoder();
  Utf8Decoder(const Utf8Decoder&) = delete;
  Utf8Decoder& operator=(const Utf8Decoder&) = delete;
  // Appends the UTF-8 of `block` to `out`; the first byte sequence that is not of the
  // encoding is a fault (the rest of the block is not converted).
  std::optional<EncodingFault> feed(std::string_view block, std::string& out);
  // The end of the text: a sequence left incomplete is a fault.
  std::optional<EncodingFault> finish() const;

 private:
  void* cd_;
  std::string pending_;
  std::uint64_t offset_ = 0;
  std::size_t line_ = 1;
};

// `bytes` (in `from`, an iconv name) as UTF-8; nullopt and `fault` set when a sequence is
// not of the encoding.
std::optional<std::string> to_utf8(std::string_view bytes, const std::string& from,
                                   EncodingFault* fault = nullptr);

// Characters (code points) of UTF-8 text: the bytes that do not continue a sequence. What a
// user counts, and at most what a browser's maxlength counts (UTF-16 units).
std::size_t utf8_length(std::string_view s);

// The first `chars` characters of UTF-8 text (never a sequence cut in two).
std::string utf8_prefix(std::string_view s, std::size_t chars);

// Trims ASCII white space at both ends.
std::string trim(std::string_view s);

// Text typed in a browser's text area arrives with CR LF line breaks (and an old Mac file with
// CR alone): every line break as "\n", the form every multi-line text is stored in.
std::string unix_newlines(std::string_view s);

// The paragraphs of a multi-line text, each as its lines: paragraphs are separated by one or
// more blank lines (a line of spaces is blank), lines by "\n" (CR LF read as "\n"); each line
// trimmed, no empty paragraph.
std::vector<std::vector<std::string>> text_paragraphs(std::string_view s);

// `s` with the LIKE wildcards (% and _) and the backslash escaped by a backslash, for
// "… LIKE :p ESCAPE '\\'" on SQLite and PostgreSQL alike.
std::string like_escape(std::string_view s);

}  // namespace carepilot
