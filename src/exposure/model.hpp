// What the readers extract from a scan, host by host: the open ports with their service,
// product and version, and the facts the rules read from nmap's NSE scripts (certificate,
// TLS protocols and cipher grades, HTTP title, NTLM information, SMB dialects). Raw script
// output is never kept: a host is reduced to these fields as soon as it is read.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace carepilot::exposure {

struct Certificate {
  bool present = false;
  std::string subject;  // "commonName=www.example.fr, organizationName=…"
  std::string issuer;
  std::string not_after;                    // as nmap wrote it ("2027-01-31T12:00:00")
  std::optional<std::int64_t> not_after_s;  // Unix seconds (UTC), when it parses
  bool self_signed = false;                 // subject == issuer
};

struct TlsScan {
  bool present = false;                // ssl-enum-ciphers ran
  std::vector<std::string> protocols;  // "TLSv1.0", "TLSv1.2" …
  std::string least_strength;          // "A" … "F"
  std::vector<std::string>
      weak_ciphers;  // "TLS_RSA_WITH_RC4_128_SHA (C)", filled by the rules' grades
  std::vector<std::pair<std::string, std::string>> ciphers;  // name, grade
};

struct Port {
  std::string protocol = "tcp";  // tcp, udp, sctp
  std::uint16_t number = 0;
  std::string service;  // nmap service name ("ms-wbt-server"), empty for masscan
  std::string product, version, extrainfo;
  bool tls = false;  // tunnel="ssl" or an ssl-cert / ssl-enum-ciphers result
  std::string http_title;
  Certificate cert;
  TlsScan tls_scan;
  // rdp-ntlm-info (or any *-ntlm-info script)
  std::string ntlm_domain, ntlm_computer, ntlm_product_version;
  std::vector<std::string> smb_dialects;  // smb-protocols (a host script, put on 445/139)
  std::string banner;                     // masscan banner
};

struct Host {
  std::string address;
  std::vector<std::string> hostnames;
  std::vector<Port> ports;  // open ports only
};

// Warnings counted by kind, with a few samples (French).
struct Warnings {
  std::map<std::string, std::uint64_t> by_kind;
  std::vector<std::string> samples;
  std::uint64_t total() const {
    std::uint64_t t = 0;
    for (const auto& [k, v] : by_kind) t += v;
    return t;
  }
  void add(const std::string& kind, const std::string& sample) {
    ++by_kind[kind];
    if (samples.size() < 20) samples.push_back(sample);
  }
};

// When one input file's scan ran, as the file says (Unix seconds, UTC): its earliest and its
// latest time; both absent when the file gives none.
struct FileTimes {
  std::string name;
  std::optional<std::int64_t> from, to;
};

// What was read, across every input file.
struct ReadStats {
  std::vector<std::string> sources;   // file names
  std::vector<std::string> scanners;  // "nmap 7.93", "masscan 1.0" (distinct)
  std::uint64_t bytes = 0;
  std::uint64_t hosts_read = 0;  // host elements or records
  std::uint64_t hosts_up = 0;    // with status up (masscan records count as up)
  std::uint64_t hosts_down = 0;
  std::uint64_t ports_open = 0;
  Warnings warnings;
  // When the scan ran (Unix seconds, UTC), as its files say: nmap and masscan XML
  // `<nmaprun start=…>` and `<finished time=…>`, masscan JSON records' "timestamp"; the
  // earliest and the latest across every file. Absent when no file gives a time.
  std::optional<std::int64_t> scan_from, scan_to;
  // The same per file, in the order read (a campaign's files must have run close together:
  // exposure/campaign.hpp).
  std::vector<FileTimes> file_times;
  void note_time(std::int64_t t) {
    if (t <= 0) return;  // 0: a scanner that did not set it
    if (!scan_from || t < *scan_from) scan_from = t;
    if (!scan_to || t > *scan_to) scan_to = t;
  }
};

}  // namespace carepilot::exposure
