// `carepilot exposure run`: the internet exposure analysis of one establishment's scan.
//   exposure run --input SCAN [--input SCAN2|DIR …] [--previous OLD.json] [--as-of YYYY-MM-DD]
//                [--out-json F] [--out-html F] [--store FINESS --database URL]
//                [--max-host-mib N]
// Exit 0 when the analysis ran on an internet scan (whatever the findings); 3 when it ran
// but is not an internet exposure audit (no host up, or private addresses only): the
// reports are written, nothing is stored; 2 when an input (among them files whose scans
// started more than data/exposure/campaign.yaml's days apart), the previous result, an option
// or the recording is refused (message on stderr, nothing stored); 1 when an output file
// cannot be written (nothing stored).
#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>

#include "app/commands.hpp"
#include "app/config.hpp"
#include "app/evidence_store.hpp"
#include "common/date.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "evidence/calendar.hpp"
#include "evidence/repository.hpp"
#include "exposure/analysis.hpp"
#include "exposure/readers/input_error.hpp"
#include "exposure/readers/scan_reader.hpp"
#include "exposure/report/diff.hpp"
#include "exposure/report/html_report.hpp"
#include "exposure/report/result_json.hpp"
#include "exposureplatform/repository.hpp"
#include "jobs/runner.hpp"
#include "paq/repository.hpp"
#include "store/clock.hpp"

namespace carepilot::app {

namespace {

struct ExposureOptions {
  std::vector<std::string> inputs;
  std::string previous;
  std::string as_of;
  std::string out_json;
  std::string out_html;
  std::size_t max_host_mib = 16;
  std::string store_finess;
  std::string database;
};

int refuse(const std::string& message) {
  std::cerr << "carepilot exposure : " << message << "\n";
  return 2;
}

bool write_file(const std::string& path, const std::function<void(std::ostream&)>& body) {
  std::ofstream out(path, std::ios::binary);
  if (out) body(out);
  out.flush();
  if (!out) {
    std::cerr << "carepilot exposure : impossible d'écrire " << path << "\n";
    return false;
  }
  return true;
}

// Records the scan as the platform's upload does (issue 17 trial: the CLI stored bare evidence
// dated by the run, outside the audits' series, and a scan the platform refuses as already
// uploaded): the same checks (duplicate, future scan, not an internet audit), an exposure audit
// dated by its scan with its result and report, analysed here by its job, in the series.
int store_result(const ExposureOptions& opt) {
  try {
    ConfigFlags flags;
    if (!opt.database.empty()) flags.database = opt.database;
    auto store = open_evidence_store(flags);
    paq::Repository paq(*store.db, *store.registry, *store.repo);
    exposureplatform::Repository platform(
        *store.db, *store.registry, *store.repo, paq,
        {store.config.exposure_dir, store.config.exposure_max_upload_mb << 20});
    std::vector<std::string> bytes;
    std::vector<std::string> names;
    for (const auto& f : exposure::input_files(opt.inputs)) {
      std::ifstream in(f, std::ios::binary);
      if (!in) return refuse(f.string() + " : fichier illisible");
      bytes.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      names.push_back(f.filename().string());
    }
    std::vector<exposureplatform::Upload> uploads;
    for (std::size_t i = 0; i < bytes.size(); ++i) uploads.push_back({names[i], &bytes[i]});
    const Date today = evidence::paris_today();
    const Actor actor{"carepilot exposure", "cli", ""};
    auto a = platform.upload(Scope::nation(), opt.store_finess, uploads, today, actor,
                             store::now_unix());
    jobs::Runner runner(*store.db);
    runner.on(exposureplatform::kJobKind,
              [&](const nlohmann::json& p, jobs::JobContext&) { platform.run_job(p, today); });
    while (runner.run_once()) {
    }
    a = platform.get(Scope::nation(), opt.store_finess, a.id);
    store.written();
    if (a.state != exposureplatform::State::done)
      return refuse("enregistrement refusé : " +
                    (a.error.empty() ? std::string("l'analyse n'a pas abouti") : a.error));
    std::cout << "Enregistré comme audit d'exposition n° " << a.id << " de l'établissement "
              << opt.store_finess << ", analyse du " << french_date_text(a.as_of)
              << " (série des audits et preuve « audit d'exposition sur internet »).\n";
    return 0;
  } catch (const exposure::InputError& e) {
    return refuse(std::string("entrée refusée : ") + e.what());
  } catch (const UserError& e) {
    return refuse("enregistrement refusé : " + std::string(e.what()));
  }
}

int run(const ExposureOptions& opt) {
  Date as_of = evidence::paris_today();
  if (!opt.as_of.empty()) {
    auto d = parse_date(opt.as_of);
    if (!d) return refuse("--as-of : date AAAA-MM-JJ attendue, reçu « " + opt.as_of + " »");
    as_of = *d;
  }
  if (!opt.store_finess.empty() && opt.inputs.empty()) return refuse("--input manquant");
  nlohmann::json previous;
  if (!opt.previous.empty()) {
    std::ifstream in(opt.previous, std::ios::binary);
    if (!in) return refuse("--previous : " + opt.previous + " : fichier illisible");
    previous = nlohmann::json::parse(in, nullptr, false);
    if (previous.is_discarded())
      return refuse("--previous : " + opt.previous + " : JSON invalide ou tronqué");
  }
  exposure::Limits limits;
  limits.max_host_bytes = opt.max_host_mib << 20;
  const auto t0 = std::chrono::steady_clock::now();
  exposure::Result result;
  std::unique_ptr<exposure::Diff> diff;
  try {
    result = exposure::analyse_files(opt.inputs, as_of, limits);
    // Without --as-of, the scan's own day, as the platform dates an audit (issue 17 trial: a
    // certificate « 18 jours restants » here read « 21 jours » on the page for the same file):
    // analysed again on that day when the files say when the scan started.
    if (opt.as_of.empty() && result.input.scan_from) {
      const Date scan_day = evidence::paris_date(
          std::chrono::system_clock::time_point{std::chrono::seconds{*result.input.scan_from}});
      if (scan_day != as_of) {
        as_of = scan_day;
        result = exposure::analyse_files(opt.inputs, as_of, limits);
      }
    }
    if (!opt.previous.empty())
      diff = std::make_unique<exposure::Diff>(exposure::diff_results(previous, result));
  } catch (const exposure::InputError& e) {
    return refuse(std::string("entrée refusée : ") + e.what());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!opt.out_json.empty() && !write_file(opt.out_json, [&](std::ostream& o) {
        exposure::write_json(o, result, diff.get());
      }))
    return 1;
  if (!opt.out_html.empty() && !write_file(opt.out_html, [&](std::ostream& o) {
        o << exposure::render_html(result, diff.get());
      }))
    return 1;
  auto num = [](std::uint64_t n) { return french_integer(static_cast<std::int64_t>(n)); };
  // « 2 critiques », « 1 élevée »: the words of the platform's pages (labels.yaml).
  auto sev = [&](exposure::Severity s) {
    const auto n = result.by_severity[static_cast<std::size_t>(s)];
    return num(n) + " " +
           severity_count_label(exposure::to_string(s), static_cast<std::int64_t>(n));
  };
  // The counts under the names of the report and the platform page: hosts read in the scan,
  // of them exposed (an open port) and with a finding; findings from the most severe.
  std::cout << "Analyse de l'exposition sur internet au " << french_date_text(format_date(as_of))
            << "\n"
            << "Score d'exposition : " << num(result.score) << "\n"
            << "Hôtes lus dans le scan : " << num(result.hosts.size())
            << ", dont exposés (au moins un port ouvert) : " << num(result.hosts_open)
            << ", avec au moins un constat : " << num(result.hosts_with_findings) << "\n"
            << "Ports ouverts : " << num(result.open_ports) << "\n"
            << "Constats : " << num(result.findings) << " (" << sev(exposure::Severity::critical)
            << ", " << sev(exposure::Severity::high) << ", " << sev(exposure::Severity::medium)
            << ", " << sev(exposure::Severity::low) << ")\n"
            << "Lu : "
            << plural(static_cast<std::int64_t>(result.input.sources.size()), "fichier", "fichiers")
            << ", " << plural(static_cast<std::int64_t>(result.input.bytes), "octet", "octets")
            << ", "
            << plural(static_cast<std::int64_t>(result.input.hosts_down), "hôte inactif",
                      "hôtes inactifs")
            << (result.input.hosts_down > 1 ? " (sans réponse, non analysés)"
                                            : " (sans réponse, non analysé)")
            << ", avertissements : " << num(result.input.warnings.total()) << "\n"
            << "Durée : " << exposure::duration_text(seconds) << "\n";
  if (result.hosts_private_ignored > 0)
    std::cout << exposure::private_hosts_ignored_text(result.hosts_private_ignored)
              << " (hors constats et score)\n";
  for (const auto& [kind, n] : result.input.warnings.by_kind)
    std::cout << "Avertissement : " << exposure::warning_text(kind, n) << "\n";
  if (diff) std::cout << exposure::to_text(*diff);
  if (!result.internet_audit()) {
    std::cout << (result.no_host_up
                      ? "Aucun hôte actif dans le scan : pas un audit d'exposition internet.\n"
                      : "Adresses non publiques seulement (privées ou réservées à la "
                        "documentation) : pas un audit d'exposition internet.\n");
    if (!opt.store_finess.empty()) std::cout << "Rien n'est enregistré.\n";
    return 3;
  }
  if (!opt.store_finess.empty()) return store_result(opt);
  return 0;
}

}  // namespace

void register_exposure(CLI::App& app) {
  auto* cmd = app.add_subcommand("exposure",
                                 "Analyse de l'exposition sur internet (scans nmap et masscan)");
  cmd->require_subcommand(1);
  auto opt = std::make_shared<ExposureOptions>();
  auto* r = cmd->add_subcommand(
      "run", "Analyse un scan (fichiers ou dossier) et produit le score et les constats");
  r->add_option("--input,-i", opt->inputs,
                "Scan nmap -oX, masscan -oX ou -oJ, ou dossier de scans (répétable)")
      ->required();
  r->add_option("--previous", opt->previous, "Résultat JSON précédent, pour la comparaison");
  r->add_option(
      "--as-of", opt->as_of,
      "Date de l'analyse AAAA-MM-JJ (défaut : le jour où le scan a été lancé, sinon aujourd'hui)");
  r->add_option("--out-json", opt->out_json, "Résultat JSON (schéma carepilot.exposure/1)");
  r->add_option("--out-html", opt->out_html, "Rapport HTML autonome");
  r->add_option("--store", opt->store_finess,
                "Enregistrer le résultat comme preuve « exposure_audit » de cet établissement");
  r->add_option("--database", opt->database, "Base de la plateforme (avec --store)");
  r->add_option("--max-host-mib", opt->max_host_mib,
                "Taille maximale d'un élément <host> (Mio, défaut 16)");
  r->callback([opt] { exit_code() = run(*opt); });
}

}  // namespace carepilot::app
