// Runs the carepilot binary as an operator does (exit code and combined output).
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ops_support.hpp"

namespace carepilot::testing {

struct CliRun {
  int code = -1;
  std::string out;  // stdout and stderr
};

inline std::string shell_quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs CAREPILOT_BIN with `args`, the environment `env` (NAME=value each) added, and
// `stdin_text` on its standard input.
inline CliRun carepilot_cli(const std::vector<std::string>& env,
                            const std::vector<std::string>& args,
                            const std::string& stdin_text = "") {
  TempFolder tmp;
  auto input = tmp.path() / "stdin";
  std::ofstream(input, std::ios::binary) << stdin_text;
  std::string cmd = "env";
  for (const auto& e : env) cmd += " " + shell_quoted(e);
  cmd += " " + shell_quoted(CAREPILOT_BIN);
  for (const auto& a : args) cmd += " " + shell_quoted(a);
  cmd += " <" + shell_quoted(input.string()) + " 2>&1";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) r.out.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace carepilot::testing
