#!/usr/bin/env bash
# Installs the Debian packages carepilot needs to build, run and test.
# Idempotent: does nothing when every package is already present.
set -euo pipefail
PKGS=(
  build-essential cmake pkg-config ninja-build git ca-certificates
  librestinio-dev libasio-dev libfmt-dev libpcre2-dev
  libsoci-dev libboost-dev libsqlite3-dev libpq-dev sqlite3
  nlohmann-json3-dev libsimdjson-dev libyaml-cpp-dev libtomlplusplus-dev libcli11-dev
  libctemplate-dev libsodium-dev liboath-dev libssl-dev libqrencode-dev
  libcsv-dev libcurl4-openssl-dev libicu-dev libstemmer-dev
  libxlsxwriter-dev libcairo2-dev libpango1.0-dev libpugixml-dev libarchive-dev zlib1g-dev
  libpoppler-cpp-dev libpng-dev libjpeg62-turbo-dev
  libhowardhinnant-date-dev libspdlog-dev tzdata
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev clang-format lld
  postgresql postgresql-client wrk nginx curl openssl
  nmap masscan
  chromium fonts-dejavu-core fonts-liberation
  fonts-noto-core fonts-noto-color-emoji fonts-droid-fallback poppler-utils
)
# node and npm may come from elsewhere (they conflict with Debian's npm then).
command -v npm >/dev/null 2>&1 || PKGS+=(nodejs npm)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
