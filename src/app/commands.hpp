// Subcommands of the carepilot binary. Each register_* adds one subcommand to the
// application; the callback runs it and sets the process exit code via CommandResult.
#pragma once

#include <CLI/CLI.hpp>

namespace carepilot::app {

// Exit code chosen by the subcommand that ran (0 when none set it).
int& exit_code();

void register_serve(CLI::App& app);
void register_migrate(CLI::App& app);
void register_demo(CLI::App& app);
void register_import(CLI::App& app);
void register_evaluate(CLI::App& app);
void register_ad_audit(CLI::App& app);
void register_exposure(CLI::App& app);
void register_user(CLI::App& app);
void register_audit(CLI::App& app);
void register_backup(CLI::App& app);
void register_restore(CLI::App& app);
void register_compliance(CLI::App& app);
// Adds `snapshot` under `compliance` (creating that subcommand when absent).
void register_compliance_snapshot(CLI::App& app);

}  // namespace carepilot::app
