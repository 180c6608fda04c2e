#include "exposureplatform/demo.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "common/errors.hpp"
#include "common/french.hpp"
#include "store/clock.hpp"

namespace carepilot::exposureplatform {

namespace {

// A hand-made nmap -sV scan: RDP and an end-of-life web server facing the internet. Its
// address is an arbitrary public one (tests/exposure/data/README.md), never a documentation
// range (RFC 5737), which the analysis treats as not on the internet.
constexpr const char* kDemoScan = R"(<?xml version="1.0" encoding="UTF-8"?>
<nmaprun scanner="nmap" args="nmap -sV -oX demo.xml 91.207.53.0/28" start="@START@" version="7.93" xmloutputversion="1.05">
<host><status state="up" reason="echo-reply" reason_ttl="50"/>
<address addr="91.207.53.10" addrtype="ipv4"/>
<hostnames><hostname name="portail.ch-exemple.fr" type="PTR"/></hostnames>
<ports>
<port protocol="tcp" portid="80"><state state="open" reason="syn-ack" reason_ttl="50"/><service name="http" product="Apache httpd" version="2.2.34" method="probed" conf="10"/></port>
<port protocol="tcp" portid="3389"><state state="open" reason="syn-ack" reason_ttl="114"/><service name="ms-wbt-server" product="Microsoft Terminal Services" method="probed" conf="10"/></port>
</ports>
</host>
<runstats><finished time="@END@" exit="success"/><hosts up="1" down="15" total="16"/></runstats>
</nmaprun>
)";

}  // namespace

void seed_demo(Repository& repo, const Date& today) {
  const std::string finess = "449900018";  // the first demo establishment
  try {
    if (!repo.list(Scope::nation(), finess).empty()) return;
  } catch (const UserError&) {
    return;  // not in this demo
  }
  // The scan ran this morning (08:00, Paris time): the audit is dated by its scan.
  const std::int64_t start = paris_day_start(format_date(today)).value_or(0) + 8 * 3600;
  std::string scan = kDemoScan;
  for (const auto& [mark, t] : {std::pair{"@START@", start}, std::pair{"@END@", start + 100}})
    scan.replace(scan.find(mark), std::string_view(mark).size(), std::to_string(t));
  const Actor actor{"demo", "démonstration", "", ""};
  // Sent an hour after the scan, or now when later: a demo seeded for a day to come (the
  // tests' « today ») is not a scan from the future (its check reads this time).
  const std::int64_t sent = std::max(store::now_unix(), start + 3600);
  auto a = repo.upload(Scope::nation(), finess, {"demo-nmap.xml", &scan}, today, actor, sent);
  repo.run_job({{"audit", a.id}}, today);
}

}  // namespace carepilot::exposureplatform
