// Writes a synthetic nmap -oX file: HOSTS public addresses (45.x.y.z, a /16 for 65,536),
// each with PORTS open ports carrying service
// detection and NSE output (ssl-cert with a PEM block, ssl-enum-ciphers tables, http-title,
// rdp-ntlm-info, and smb-protocols as a host script).
// Usage: exposure_gen OUT.xml [hosts=65536] [ports per host=12]
// With the defaults the file is about 1 GB.
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

const char* kPem =
    "-----BEGIN CERTIFICATE-----&#xa;"
    "MIIDazCCAlOgAwIBAgIUQv2x8Q0Xk9aJd8mYVtUqkZtY5EAwDQYJKoZIhvcNAQELBQAwRTELMAkGA1UEBhMCRlIx"
    "EzARBgNVBAgMClNvbWUtU3RhdGUxITAfBgNVBAoMGEludGVybmV0IFdpZGdpdHMgUHR5IEx0ZDAeFw0yNjEyMDEx"
    "MDAwMDBaFw0yNzEyMDExMDAwMDBaMEUxCzAJBgNVBAYTAkZSMRMwEQYDVQQIDApTb21lLVN0YXRlMSEwHwYDVQQK"
    "DBhJbnRlcm5ldCBXaWRnaXRzIFB0eSBMdGQwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQC7&#xa;"
    "-----END CERTIFICATE-----&#xa;";

void port(std::FILE* f, int host, int k) {
  static const int kPorts[] = {21,   22,   25,   80,   110,  143,  443,  445,  993,
                               1433, 3306, 3389, 5432, 5900, 5985, 8080, 8443, 9100};
  const int n = kPorts[k % 18] + (k / 18) * 10000;
  const bool tls = n == 443 || n == 8443 || n == 993;
  std::fprintf(f,
               "<port protocol=\"tcp\" portid=\"%d\"><state state=\"open\" reason=\"syn-ack\" "
               "reason_ttl=\"50\"/><service name=\"%s\" product=\"%s\" version=\"%s\"%s "
               "method=\"probed\" conf=\"10\"><cpe>cpe:/a:vendor:product:1.0</cpe></service>",
               n, n == 3389 ? "ms-wbt-server" : (n == 22 ? "ssh" : "http"),
               n == 22 ? "OpenSSH" : (host % 7 == 0 ? "Apache httpd" : "nginx"),
               n == 22 ? "9.2p1 Debian 2" : (host % 7 == 0 ? "2.2.34" : "1.22.1"),
               tls ? " tunnel=\"ssl\"" : "");
  if (n == 80 || n == 8080 || tls)
    std::fprintf(f,
                 "<script id=\"http-title\" output=\"Portail h&#xf4;te %d\"><elem "
                 "key=\"title\">%s %d</elem>\n</script>",
                 host, host % 11 == 0 ? "FortiGate" : "Portail", host);
  if (tls) {
    std::fprintf(
        f,
        "<script id=\"ssl-cert\" output=\"Subject: commonName=h%d.example.fr&#xa;Issuer: "
        "commonName=R3&#xa;Not valid after:  2027-03-01T10:00:00&#xa;%s\"><table "
        "key=\"subject\">\n<elem key=\"commonName\">h%d.example.fr</elem>\n</table>\n<table "
        "key=\"issuer\">\n<elem key=\"commonName\">%s</elem>\n<elem "
        "key=\"organizationName\">Let&apos;s Encrypt</elem>\n</table>\n<table "
        "key=\"validity\">\n<elem key=\"notBefore\">2026-03-01T10:00:00</elem>\n<elem "
        "key=\"notAfter\">%s</elem>\n</table>\n<elem "
        "key=\"md5\">0123456789abcdef0123456789abcdef</elem>\n<elem "
        "key=\"pem\">%s</elem>\n</script>",
        host, kPem, host, host % 5 == 0 ? "h.example.fr" : "R3",
        host % 3 == 0 ? "2026-12-15T10:00:00" : "2027-03-01T10:00:00", kPem);
    std::fprintf(f, "<script id=\"ssl-enum-ciphers\" output=\"TLSv1.2: ciphers: ...\">");
    for (const char* v : {"TLSv1.0", "TLSv1.2", "TLSv1.3"}) {
      if (v[5] == '0' && host % 4 != 0) continue;
      std::fprintf(f, "<table key=\"%s\">\n<table key=\"ciphers\">\n", v);
      for (int c = 0; c < 8; ++c)
        std::fprintf(f,
                     "<table>\n<elem key=\"kex_info\">ecdh_x25519</elem>\n<elem "
                     "key=\"name\">TLS_ECDHE_RSA_WITH_AES_%d_GCM_SHA%d</elem>\n<elem "
                     "key=\"strength\">%s</elem>\n</table>\n",
                     c % 2 ? 256 : 128, c % 2 ? 384 : 256, c == 7 && v[5] == '0' ? "C" : "A");
      std::fprintf(f,
                   "</table>\n<table key=\"compressors\">\n<elem>NULL</elem>\n</table>\n<elem "
                   "key=\"cipher preference\">server</elem>\n</table>\n");
    }
    std::fprintf(f, "<elem key=\"least strength\">%s</elem>\n</script>", host % 4 == 0 ? "C" : "A");
  }
  if (n == 3389)
    std::fprintf(
        f,
        "<script id=\"rdp-ntlm-info\" output=\"...\"><elem key=\"Target_Name\">CH</elem>\n<elem "
        "key=\"DNS_Domain_Name\">ch.local</elem>\n<elem "
        "key=\"DNS_Computer_Name\">srv%d.ch.local</elem>\n<elem "
        "key=\"Product_Version\">10.0.17763</elem>\n</script>",
        host);
  std::fprintf(f, "</port>\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: exposure_gen OUT.xml [hosts] [ports per host]\n");
    return 2;
  }
  const int hosts = argc > 2 ? std::atoi(argv[2]) : 65536;
  const int ports = argc > 3 ? std::atoi(argv[3]) : 12;
  std::FILE* f = std::fopen(argv[1], "wb");
  if (!f) return 1;
  std::fprintf(f,
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE nmaprun>\n<nmaprun "
               "scanner=\"nmap\" args=\"nmap -sV -sC -oX - 45.0.0.0/16\" start=\"1764582000\" "
               "version=\"7.93\" xmloutputversion=\"1.05\">\n<scaninfo type=\"syn\" "
               "protocol=\"tcp\" numservices=\"1000\" services=\"1-1000\"/>\n");
  for (int h = 0; h < hosts; ++h) {
    std::fprintf(f,
                 "<host starttime=\"1764582000\" endtime=\"1764582100\"><status state=\"up\" "
                 "reason=\"echo-reply\" reason_ttl=\"50\"/>\n<address addr=\"45.%d.%d.%d\" "
                 "addrtype=\"ipv4\"/>\n<hostnames>\n<hostname name=\"h%d.example.fr\" "
                 "type=\"PTR\"/>\n</hostnames>\n<ports><extraports state=\"filtered\" "
                 "count=\"988\">\n<extrareasons reason=\"no-response\" count=\"988\" "
                 "proto=\"tcp\" ports=\"1-20,23-24\"/>\n</extraports>\n",
                 (h >> 16) & 255, (h >> 8) & 255, h & 255, h);
    for (int k = 0; k < ports; ++k) port(f, h, k);
    std::fprintf(f,
                 "</ports>\n<hostscript><script id=\"smb-protocols\" output=\"...\"><table "
                 "key=\"dialects\">\n<elem>%s</elem>\n<elem>2:0:2</elem>\n<elem>3:1:1</elem>\n"
                 "</table>\n</script></hostscript>\n<times srtt=\"20000\" rttvar=\"5000\" "
                 "to=\"100000\"/>\n</host>\n",
                 h % 9 == 0 ? "NT LM 0.12 (SMBv1) [dangerous, but default]" : "2:1:0");
  }
  std::fprintf(f,
               "<runstats><finished time=\"1764590000\" exit=\"success\"/><hosts up=\"%d\" "
               "down=\"0\" total=\"%d\"/>\n</runstats>\n</nmaprun>\n",
               hosts, hosts);
  return std::fclose(f) == 0 ? 0 : 1;
}
