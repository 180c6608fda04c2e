// `carepilot evaluate`: evaluates an offline bundle of establishments and their evidence
// as of a date and prints the report (JSON or text). Exit 0 when evaluated, 2 when the
// bundle, the date or the referential is refused.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include "app/commands.hpp"
#include "common/date.hpp"
#include "engine/bundle.hpp"
#include "engine/evaluate.hpp"
#include "engine/report_json.hpp"
#include "referential/loader.hpp"

namespace carepilot::app {

namespace {

struct EvaluateOptions {
  std::string as_of;
  std::string format = "json";
  std::string data_dir;
  std::string file;
};

int refuse(const std::string& message) {
  std::cerr << "carepilot evaluate: " << message << "\n";
  return 2;
}

int run_evaluate(const EvaluateOptions& opt) {
  auto as_of = parse_date(opt.as_of);
  if (!as_of) return refuse("--as-of: date AAAA-MM-JJ attendue, reçu '" + opt.as_of + "'");
  std::string text;
  if (opt.file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(opt.file, std::ios::binary);
    if (!in) return refuse(opt.file + ": fichier illisible");
    std::ostringstream buf;
    buf << in.rdbuf();
    text = buf.str();
  }
  try {
    auto ref = opt.data_dir.empty() ? referential::load_default_referential()
                                    : referential::load_referential_dir(opt.data_dir);
    auto bundle = engine::parse_bundle_text(text, ref);
    engine::Report report;
    report.as_of = *as_of;
    report.establishments.reserve(bundle.establishments.size());
    for (const auto& entry : bundle.establishments)
      report.establishments.push_back(
          engine::evaluate(ref, entry.establishment, entry.evidence, *as_of));
    if (opt.format == "text")
      std::cout << engine::to_text(report);
    else
      std::cout << engine::to_json(report).dump(2) << "\n";
    return 0;
  } catch (const referential::ReferentialError& e) {
    return refuse(std::string("référentiel refusé : ") + e.what());
  } catch (const engine::BundleError& e) {
    return refuse(opt.file + ": lot refusé : " + e.what());
  }
}

}  // namespace

void register_evaluate(CLI::App& app) {
  auto opt = std::make_shared<EvaluateOptions>();
  auto* cmd = app.add_subcommand(
      "evaluate", "Évalue les obligations DNS/2025/12 d'un lot d'établissements à une date");
  cmd->add_option("--as-of", opt->as_of, "Date d'évaluation AAAA-MM-JJ")->required();
  cmd->add_option("--format", opt->format, "Format de sortie")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  cmd->add_option("--data", opt->data_dir,
                  "Dossier du référentiel (data/ ou data/obligations) ; par défaut la copie "
                  "intégrée ou $CAREPILOT_DATA_DIR");
  cmd->add_option("file", opt->file, "Lot JSON (- pour l'entrée standard)")->required();
  cmd->callback([opt] { exit_code() = run_evaluate(*opt); });
}

}  // namespace carepilot::app
