// carepilot: one binary, subcommands for the server, the database and the analyses.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/commands.hpp"
#include "app/version.hpp"
#include "common/labels.hpp"
#include "incidents/rules/catalog.hpp"
#include "incidents/rules/declaration_form.hpp"

namespace carepilot::app {
int& exit_code() {
  static int code = 0;
  return code;
}
}  // namespace carepilot::app

int main(int argc, char** argv) {
  using namespace carepilot::app;
  carepilot::load_labels();  // data/labels/labels.yaml: a broken file stops here
  // data/incidents/*.yaml: a broken file stops here with "FILE:LINE: reason".
  try {
    carepilot::incidents::default_catalog();
    carepilot::incidents::default_national_figures();
    carepilot::incidents::default_declaration_form();
  } catch (const std::exception& e) {
    std::cerr << "carepilot: " << e.what() << "\n";
    return 1;
  }
  CLI::App app{"carepilot — conformité cyber des établissements de santé (CaRE, DNS/2025/12)"};
  app.set_version_flag("--version", std::string("carepilot ") + kVersion);
  app.require_subcommand(1);
  register_serve(app);
  register_migrate(app);
  register_demo(app);
  register_import(app);
  register_evaluate(app);
  register_compliance(app);
  register_ad_audit(app);
  register_exposure(app);
  register_user(app);
  register_audit(app);
  register_backup(app);
  register_restore(app);
  register_compliance_snapshot(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "carepilot: " << e.what() << "\n";
    return 1;
  }
  return exit_code();
}
