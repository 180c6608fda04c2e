// Streaming readers of scan outputs. Memory is bounded by one host, never by the file:
//  - XML (nmap -oX, masscan -oX): the byte stream is scanned for each `<host …>…</host>`
//    element, which is parsed alone with pugixml and reduced to a Host at once. The prolog
//    must hold `<nmaprun`; a DOCTYPE or an ENTITY declaration is refused (no entity is ever
//    expanded), as is a host element larger than Limits::max_host_bytes or a file that ends
//    before `</nmaprun>` (truncated).
//  - masscan JSON (-oJ, and the one-record-per-line -oD form): one record per line; a line
//    that is not a record is a counted warning.
// Hosts are handed to a sink as they are read; the same address may come several times
// (masscan writes one element per open port; several files may scan the same host).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exposure/model.hpp"

namespace carepilot::exposure {

struct Limits {
  std::size_t max_host_bytes = std::size_t{16} << 20;       // one <host> element, one JSON line
  std::size_t max_prolog_bytes = std::size_t{1} << 20;      // bytes before <nmaprun
  std::uint64_t max_total_bytes = std::uint64_t{64} << 30;  // every input together
};

using HostSink = std::function<void(Host&&)>;

// One input file's reader, fed by blocks of any size.
class ScanReader {
 public:
  virtual ~ScanReader() = default;
  virtual void feed(std::string_view bytes) = 0;  // throws InputError
  virtual void finish() = 0;                      // throws InputError (truncated …)
};

// The reader for a file whose content starts with `first_bytes` (XML or JSON); throws
// InputError when the format is not recognised. Its text is checked for its encoding as it is
// fed: UTF-8, refused at the line of the first bad byte (InputError::Kind::encoding,
// « scan.xml:3: le fichier n'est pas en UTF-8 … »), or the encoding a byte-order mark or an
// XML declaration names, converted to UTF-8 with iconv.
std::unique_ptr<ScanReader> make_reader(std::string_view first_bytes, std::string name,
                                        HostSink sink, ReadStats& stats, const Limits& limits);

std::unique_ptr<ScanReader> make_xml_reader(std::string name, HostSink sink, ReadStats& stats,
                                            const Limits& limits);
std::unique_ptr<ScanReader> make_masscan_json_reader(std::string name, HostSink sink,
                                                     ReadStats& stats, const Limits& limits);

// Whole-buffer helpers (tests, fuzzing): detect the format, feed, finish.
void read_scan(std::string_view name, std::string_view data, const HostSink& sink, ReadStats& stats,
               const Limits& limits = {});

// The files of `paths`: a file itself, a folder's every regular file, recursively, in name
// order, hidden files skipped. Throws InputError (none given, a path missing, a folder
// unreadable or without a file).
std::vector<std::filesystem::path> input_files(const std::vector<std::string>& paths);

// Reads files and folders (input_files) as one establishment's scan. Throws InputError.
void read_inputs(const std::vector<std::string>& paths, const HostSink& sink, ReadStats& stats,
                 const Limits& limits = {});

// A scan time as its files write it: Unix seconds in decimal ("1700000000"); nullopt
// otherwise.
std::optional<std::int64_t> parse_epoch(std::string_view text);

// "2027-01-31T12:00:00" (optionally followed by "Z" or "+00:00") as Unix seconds.
std::optional<std::int64_t> parse_nmap_time(std::string_view text);

}  // namespace carepilot::exposure
