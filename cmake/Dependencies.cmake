# Third-party dependencies, all from Debian packages (see scripts/install-deps.sh).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)          # before RESTinio, whose config needs it
find_package(restinio REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(simdjson REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(date REQUIRED)
find_package(pugixml REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(GTest REQUIRED)
find_package(LibArchive REQUIRED)
find_package(ZLIB REQUIRED)         # checks a whole backup's gzip stream (store/backup.cpp)
pkg_check_modules(CTEMPLATE REQUIRED IMPORTED_TARGET libctemplate)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(PCRE2 REQUIRED IMPORTED_TARGET libpcre2-8)  # RESTinio's route matching (web/server.cpp)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc)
pkg_check_modules(ICU_I18N REQUIRED IMPORTED_TARGET icu-i18n)  # French collation (common/collate.cpp)
pkg_check_modules(OATH REQUIRED IMPORTED_TARGET liboath)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo)
# Uploaded documents are opened by their own readers (common/file_content.cpp).
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(LIBPNG REQUIRED IMPORTED_TARGET libpng)
pkg_check_modules(LIBJPEG REQUIRED IMPORTED_TARGET libjpeg)
if(CAREPILOT_BENCH)
  find_package(benchmark REQUIRED)
endif()

# SOCI ships neither a CMake config nor a pkg-config file: link it by hand.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE soci_core REQUIRED)
find_library(SOCI_SQLITE3 soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL soci_postgresql REQUIRED)
add_library(cp_soci INTERFACE)
target_include_directories(cp_soci SYSTEM INTERFACE ${SOCI_INCLUDE_DIR} ${PostgreSQL_INCLUDE_DIRS})
target_link_libraries(cp_soci INTERFACE ${SOCI_SQLITE3} ${SOCI_POSTGRESQL} ${SOCI_CORE}
                      SQLite::SQLite3 PostgreSQL::PostgreSQL ${CMAKE_DL_LIBS})

# libcsv (RFC 4180 parser) has no pkg-config file either.
find_path(CSV_INCLUDE_DIR csv.h REQUIRED)
find_library(CSV_LIBRARY csv REQUIRED)
add_library(cp_csv INTERFACE)
target_include_directories(cp_csv SYSTEM INTERFACE ${CSV_INCLUDE_DIR})
target_link_libraries(cp_csv INTERFACE ${CSV_LIBRARY})

# Snowball stemmers (libstemmer-dev): French stemming of the knowledge search (issue 20); no
# pkg-config file.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(cp_stemmer INTERFACE)
target_include_directories(cp_stemmer SYSTEM INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(cp_stemmer INTERFACE ${STEMMER_LIBRARY})

find_package(CURL REQUIRED)  # HTTP client of the integration tests
