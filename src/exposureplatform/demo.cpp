#include "exposureplatform/demo.hpp"

#include "common/errors.hpp"
#include "store/clock.hpp"

namespace carepilot::exposureplatform {

namespace {

// A hand-made nmap -sV scan of documentation addresses (RFC 5737): RDP and an end-of-life
// web server facing the internet.
constexpr const char* kDemoScan = R"(<?xml version="1.0" encoding="UTF-8"?>
<nmaprun scanner="nmap" args="nmap -sV -oX demo.xml 203.0.113.0/28" start="1760000000" version="7.93" xmloutputversion="1.05">
<host><status state="up" reason="echo-reply" reason_ttl="50"/>
<address addr="203.0.113.10" addrtype="ipv4"/>
<hostnames><hostname name="portail.ch-exemple.fr" type="PTR"/></hostnames>
<ports>
<port protocol="tcp" portid="80"><state state="open" reason="syn-ack" reason_ttl="50"/><service name="http" product="Apache httpd" version="2.2.34" method="probed" conf="10"/></port>
<port protocol="tcp" portid="3389"><state state="open" reason="syn-ack" reason_ttl="114"/><service name="ms-wbt-server" product="Microsoft Terminal Services" method="probed" conf="10"/></port>
</ports>
</host>
<runstats><finished time="1760000100" exit="success"/><hosts up="1" down="15" total="16"/></runstats>
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
  const std::string scan = kDemoScan;
  const Actor actor{"demo", "démonstration", "", ""};
  auto a = repo.upload(Scope::nation(), finess, {"demo-nmap.xml", &scan}, today, actor,
                       store::now_unix());
  repo.run_job({{"audit", a.id}}, today);
}

}  // namespace carepilot::exposureplatform
