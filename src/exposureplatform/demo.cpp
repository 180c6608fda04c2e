#include "exposureplatform/demo.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "common/errors.hpp"
#include "common/french.hpp"
#include "store/clock.hpp"

namespace carepilot::exposureplatform {

namespace {

// A hand-made nmap -sV scan: RDP and an end-of-life web server facing the internet, FTP in
// some audits (@FTP@), the web server's version (@APACHE@). Its address is an arbitrary public
// one (tests/exposure/data/README.md), never a documentation range (RFC 5737), which the
// analysis treats as not on the internet.
constexpr const char* kDemoScan = R"(<?xml version="1.0" encoding="UTF-8"?>
<nmaprun scanner="nmap" args="nmap -sV -oX demo.xml 91.207.53.0/28" start="@START@" version="7.93" xmloutputversion="1.05">
<host><status state="up" reason="echo-reply" reason_ttl="50"/>
<address addr="91.207.53.10" addrtype="ipv4"/>
<hostnames><hostname name="portail.ch-exemple.fr" type="PTR"/></hostnames>
<ports>
@FTP@<port protocol="tcp" portid="80"><state state="open" reason="syn-ack" reason_ttl="50"/><service name="http" product="Apache httpd" version="@APACHE@" method="probed" conf="10"/></port>
<port protocol="tcp" portid="3389"><state state="open" reason="syn-ack" reason_ttl="114"/><service name="ms-wbt-server" product="Microsoft Terminal Services" method="probed" conf="10"/></port>
</ports>
</host>
<runstats><finished time="@END@" exit="success"/><hosts up="1" down="15" total="16"/></runstats>
</nmaprun>
)";

constexpr const char* kFtpPort =
    R"(<port protocol="tcp" portid="21"><state state="open" reason="syn-ack" reason_ttl="50"/><service name="ftp" product="vsftpd" version="3.0.3" method="probed" conf="10"/></port>
)";

// The demo's series of monthly exposure audits, oldest first (so that audit n° 1, which the
// API's examples read, is the first and has no previous one): a plausible past (issue 17
// trial: the demo's only scan was dated « today 08:00 »), 52, 55, 41 and 52 days apart —
// the 41 days too close for D1.O2.B (at least 45) —, FTP exposed for a while then closed,
// the web server upgraded in the last one.
struct DemoAudit {
  int days_ago;
  int minutes;  // after 10:00, Paris time
  bool ftp;
  const char* apache;
};
constexpr DemoAudit kSeries[] = {
    {214, 12, false, "2.2.34"}, {162, 5, true, "2.2.34"},  {107, 20, true, "2.2.34"},
    {66, 9, false, "2.2.34"},   {14, 15, false, "2.4.62"},
};

void fill(std::string& scan, std::string_view mark, const std::string& value) {
  scan.replace(scan.find(mark), mark.size(), value);
}

}  // namespace

void seed_demo(Repository& repo, const Date& today) {
  const std::string finess = "449900018";  // the first demo establishment
  try {
    if (!repo.list(Scope::nation(), finess).empty()) return;
  } catch (const UserError&) {
    return;  // not in this demo
  }
  const Actor actor{"demo", "démonstration", "", ""};
  int n = 0;
  for (const auto& audit : kSeries) {
    const Date day = add_days(today, -audit.days_ago);
    const std::int64_t start =
        paris_day_start(format_date(day)).value_or(0) + 10 * 3600 + audit.minutes * 60;
    std::string scan = kDemoScan;
    fill(scan, "@START@", std::to_string(start));
    fill(scan, "@END@", std::to_string(start + 100 + audit.minutes));
    fill(scan, "@FTP@", audit.ftp ? kFtpPort : "");
    fill(scan, "@APACHE@", audit.apache);
    // Sent an hour after the scan, or now when later: a demo seeded for a day to come (the
    // tests' « today ») is not a scan from the future (its check reads this time).
    const std::int64_t sent = std::max(store::now_unix(), start + 3600);
    auto a =
        repo.upload(Scope::nation(), finess,
                    {"scan-internet-" + std::to_string(++n) + ".xml", &scan}, today, actor, sent);
    repo.run_job({{"audit", a.id}}, today);
  }
}

}  // namespace carepilot::exposureplatform
