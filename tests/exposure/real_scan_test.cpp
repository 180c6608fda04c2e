// Real nmap output, produced by the test itself on 127.0.0.1 only: a local TLS server
// (openssl s_server, self-signed certificate valid 10 days) scanned with service detection
// and the ssl-cert, ssl-enum-ciphers and http-title scripts. The reader must take nmap's
// real XML, and the rules must see the self-signed, soon-expiring certificate; the
// loopback address makes it "not an internet exposure audit".
// Skipped when nmap or openssl is missing, except under CI (CI=1), where it must run.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "common/french.hpp"
#include "helpers.hpp"

namespace carepilot::exposure {
namespace {

using namespace test;
namespace fs = std::filesystem;

bool have(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

int free_port() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  close(s);
  return ntohs(a.sin_port);
}

bool accepts(int port) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  bool ok = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(s);
  return ok;
}

Date paris_today() {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return *paris_date_of(now);
}

TEST(ExposureRealScan, NmapOnLoopbackTlsServer) {
  if (!have("nmap") || !have("openssl")) {
    if (std::getenv("CI"))
      FAIL() << "nmap and openssl are required in CI (scripts/install-deps.sh)";
    GTEST_SKIP() << "nmap or openssl not installed";
  }
  const fs::path dir = fs::temp_directory_path() / ("exposure-real-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  ASSERT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 10 -subj /CN=localhost "
                         "-keyout " +
                         key + " -out " + cert + " >/dev/null 2>&1")
                            .c_str()),
            0);
  const int port = free_port();
  const pid_t server = fork();
  ASSERT_GE(server, 0);
  if (server == 0) {
    const std::string accept = "127.0.0.1:" + std::to_string(port);
    execlp("openssl", "openssl", "s_server", "-accept", accept.c_str(), "-cert", cert.c_str(),
           "-key", key.c_str(), "-www", "-quiet", static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 100 && !accepts(port); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const std::string out = (dir / "scan.xml").string();
  const int rc = std::system(("nmap -sV -Pn -n --version-light --script "
                              "ssl-cert,ssl-enum-ciphers,http-title -p " +
                              std::to_string(port) + " -oX " + out + " 127.0.0.1 >/dev/null 2>&1")
                                 .c_str());
  kill(server, SIGTERM);
  waitpid(server, nullptr, 0);
  ASSERT_EQ(rc, 0);

  Analyzer a(paris_today());
  ReadStats stats;
  read_inputs(
      {out}, [&](Host&& h) { a.add(std::move(h)); }, stats);
  auto r = a.finish(std::move(stats));
  ASSERT_EQ(r.hosts.size(), 1u);
  const auto& h = r.hosts[0];
  EXPECT_EQ(h.address, "127.0.0.1");
  ASSERT_EQ(h.ports.size(), 1u);
  EXPECT_EQ(h.ports[0].number, port);
  EXPECT_TRUE(h.ports[0].tls);
  EXPECT_EQ(count(&h, "tls-self-signed", port), 1);
  EXPECT_EQ(count(&h, "tls-cert-expiring", port), 1);  // 10 days left, threshold 30
  EXPECT_EQ(count(&h, "tls-cert-expired", port), 0);
  EXPECT_TRUE(r.private_only);
  EXPECT_FALSE(r.internet_audit());
  ASSERT_FALSE(r.input.scanners.empty());
  EXPECT_EQ(r.input.scanners[0].rfind("nmap ", 0), 0u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace carepilot::exposure
