// incidents::Attachments on both backends (issue 19): a file joined to an incident, checked by
// the shared attachment rules (field « Pièce jointe »), stored base64 with its SHA-256, linked
// to an event of the timeline, listed and downloadable; a renamed executable, an empty file, a
// file over 5 Mio, an event of another incident are refused by field and store nothing; a
// withdrawal needs a reason, keeps the file and is journaled; another establishment's scope, or
// another incident's attachment, answers 404.
#include <gtest/gtest.h>

#include "common/attachment.hpp"
#include "incidents/store/attachments.hpp"
#include "incidents/store/repository.hpp"
#include "module_fixture.hpp"
#include "sample_files.hpp"
#include "store/audit_log.hpp"
#include "test_db.hpp"

using namespace carepilot;
using namespace carepilot::incidents;
using carepilot::testing::audit_count;
using carepilot::testing::count_rows;
using carepilot::testing::module_establishment;

namespace {

class IncidentAttachmentsTest : public ::testing::TestWithParam<const char*> {
 protected:
  IncidentAttachmentsTest()
      : db_(GetParam()),
        registry_(db_.db(), registry::Catalog::builtin()),
        repo_(db_.db(), registry_),
        files_(db_.db(), registry_) {
    registry_.seed_regions();
    registry_.create(Scope::nation(), module_establishment("750712184", "CH A"));
    registry_.create(Scope::nation(), module_establishment("750100208", "CH B"));
    inc_ = repo_.create(Scope::nation(), kA,
                        {"Rançongiciel sur le PACS", "2026-03-29T01:30+01:00", ""}, actor_);
    other_ =
        repo_.create(Scope::nation(), kA, {"Hameçonnage", "2026-03-02T09:00+01:00", ""}, actor_);
  }
  // The field, code and message of the first refusal (field "(accepted)" when accepted).
  FieldError refusal(const std::function<void()>& f, int* status = nullptr) {
    try {
      f();
    } catch (const UserError& e) {
      if (status) *status = e.status();
      if (e.fields().empty()) return {"", e.code(), e.what()};
      return e.fields().front();
    }
    return {"(accepted)", "", ""};
  }
  static constexpr const char* kA = "750712184";
  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  Repository repo_;
  Attachments files_;
  Incident inc_, other_;
  const Actor actor_{"rssi@ch-a.fr", "127.0.0.1", "req-1"};
};

}  // namespace

TEST_P(IncidentAttachmentsTest, AFileJoinsTheIncidentListedDownloadableAndJournaled) {
  const auto pdf = carepilot::testing::sample_pdf("Rapport du prestataire");
  auto event = repo_.add_event(Scope::nation(), kA, inc_.id,
                               {"containment", "2026-03-29T04:00+02:00", "", ""}, actor_);
  auto a = files_.add(Scope::nation(), kA, inc_.id,
                      {"C:\\rapports\\rapport-prestataire.pdf", pdf,
                       "  Rapport d'analyse du prestataire  ", event.id},
                      actor_);
  EXPECT_GT(a.id, 0);
  EXPECT_EQ(a.file_name, "rapport-prestataire.pdf");  // the base name
  EXPECT_EQ(a.content_type, "application/pdf");
  EXPECT_EQ(a.size, static_cast<std::int64_t>(pdf.size()));
  EXPECT_EQ(a.sha256, store::sha256_hex(pdf));
  EXPECT_EQ(a.description, "Rapport d'analyse du prestataire");
  ASSERT_TRUE(a.event_id.has_value());
  EXPECT_EQ(*a.event_id, event.id);
  EXPECT_EQ(a.created_by, "rssi@ch-a.fr");
  EXPECT_FALSE(a.withdrawal.withdrawn());
  // Without an event, too; listed oldest first.
  auto b = files_.add(Scope::nation(), kA, inc_.id,
                      {"note.txt", "Appel de l'ARS à 10 h.\n", "", {}}, actor_);
  EXPECT_FALSE(b.event_id.has_value());
  auto list = files_.list(Scope::nation(), kA, inc_.id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, a.id);
  EXPECT_EQ(list[1].file_name, "note.txt");
  EXPECT_TRUE(files_.list(Scope::nation(), kA, other_.id).empty());
  // Stored base64, given back byte for byte.
  auto f = files_.file(Scope::nation(), kA, inc_.id, a.id);
  EXPECT_EQ(f.bytes, pdf);
  EXPECT_EQ(f.info.file_name, "rapport-prestataire.pdf");
  {
    auto s = db_.db().lease();
    std::string b64;
    long long id = a.id;
    *s << "SELECT content_base64 FROM incident_attachments WHERE id = :i", soci::use(id),
        soci::into(b64);
    EXPECT_EQ(b64, files::base64_encode(pdf));
  }
  EXPECT_EQ(audit_count(db_.db(), "incident_attachment", std::to_string(a.id), "create"), 1);
  EXPECT_EQ(audit_count(db_.db(), "incident_attachment", std::to_string(b.id), "create"), 1);
}

TEST_P(IncidentAttachmentsTest, WrongEmptyOrOversizedFilesAreRefusedNamedAndStoreNothing) {
  const int audits = count_rows(db_.db(), "audit_log");
  const std::string exe = std::string("MZ\x90\x00\x03\x00\x00\x00", 8) + std::string(200, '\0');
  int status = 0;
  // An executable renamed as a PDF: its content is not a PDF.
  auto r = refusal(
      [&] {
        files_.add(Scope::nation(), kA, inc_.id, {"rapport.pdf", exe, "", {}}, actor_);
      },
      &status);
  EXPECT_EQ(status, 422);
  EXPECT_EQ(r.field, "incident_attachment");
  EXPECT_EQ(r.code.rfind("incident.attachment_", 0), 0u) << r.code;
  EXPECT_EQ(r.message.rfind("Pièce jointe : ", 0), 0u) << r.message;
  // An executable as such: a type refused.
  r = refusal([&] {
    files_.add(Scope::nation(), kA, inc_.id, {"outil.exe", exe, "", {}}, actor_);
  });
  EXPECT_EQ(r.code, "incident.attachment_type");
  EXPECT_EQ(r.message.rfind("Pièce jointe : ", 0), 0u) << r.message;
  // Empty.
  r = refusal([&] { files_.add(Scope::nation(), kA, inc_.id, {"vide.txt", "", "", {}}, actor_); });
  EXPECT_EQ(r.code, "incident.attachment_empty");
  EXPECT_EQ(r.message.rfind("Pièce jointe : ", 0), 0u) << r.message;
  // One byte over 5 Mio: refused; exactly 5 Mio: accepted.
  const std::string over(files::kMaxAttachmentBytes + 1, 'a');
  r = refusal([&] {
    files_.add(Scope::nation(), kA, inc_.id, {"gros.txt", over, "", {}}, actor_);
  });
  EXPECT_EQ(r.code, "incident.attachment_too_large");
  EXPECT_EQ(r.message.rfind("Pièce jointe : ", 0), 0u) << r.message;
  // An event of another incident, and a description too long: each named, together.
  try {
    files_.add(Scope::nation(), kA, inc_.id,
               {"note.txt", "texte", std::string(kMaxAttachmentDescription + 1, 'x'),
                other_.events.front().id},
               actor_);
    ADD_FAILURE() << "accepted";
  } catch (const UserError& e) {
    ASSERT_EQ(e.fields().size(), 2u);
    EXPECT_EQ(e.fields()[0].field, "attachment_description");
    EXPECT_EQ(e.fields()[0].code, "incident.description_too_long");
    EXPECT_EQ(e.fields()[1].field, "attachment_event");
    EXPECT_EQ(e.fields()[1].code, "incident.event_unknown");
    EXPECT_EQ(e.fields()[1].message.rfind("Événement lié : ", 0), 0u);
  }
  EXPECT_EQ(count_rows(db_.db(), "incident_attachments"), 0);
  EXPECT_EQ(count_rows(db_.db(), "audit_log"), audits);
  // The boundaries, accepted: exactly 5 Mio, a description of 2 000 characters.
  const std::string limit(files::kMaxAttachmentBytes, 'a');
  EXPECT_EQ(refusal([&] {
              files_.add(Scope::nation(), kA, inc_.id,
                         {"limite.txt", limit, std::string(kMaxAttachmentDescription, 'x'), {}},
                         actor_);
            }).field,
            "(accepted)");
  EXPECT_EQ(count_rows(db_.db(), "incident_attachments"), 1);
}

TEST_P(IncidentAttachmentsTest, AWithdrawalNeedsAReasonKeepsTheFileAndIsJournaled) {
  auto a = files_.add(Scope::nation(), kA, inc_.id, {"note.txt", "Compte rendu\n", "", {}}, actor_);
  const int audits = count_rows(db_.db(), "audit_log");
  auto r = refusal([&] { files_.withdraw(Scope::nation(), kA, inc_.id, a.id, "  ", actor_); });
  EXPECT_EQ(r.field, "reason");
  EXPECT_EQ(r.code, "incident.reason_required");
  EXPECT_EQ(count_rows(db_.db(), "audit_log"), audits);
  auto w = files_.withdraw(Scope::nation(), kA, inc_.id, a.id, "Mauvais fichier", actor_);
  EXPECT_TRUE(w.withdrawal.withdrawn());
  EXPECT_EQ(w.withdrawal.reason, "Mauvais fichier");
  EXPECT_EQ(w.withdrawal.by, "rssi@ch-a.fr");
  // Kept: still listed (as withdrawn), still downloadable, the row still there.
  auto list = files_.list(Scope::nation(), kA, inc_.id);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_TRUE(list[0].withdrawal.withdrawn());
  EXPECT_EQ(list[0].withdrawal.reason, "Mauvais fichier");
  EXPECT_EQ(files_.file(Scope::nation(), kA, inc_.id, a.id).bytes, "Compte rendu\n");
  EXPECT_EQ(count_rows(db_.db(), "incident_attachments"), 1);
  EXPECT_EQ(audit_count(db_.db(), "incident_attachment", std::to_string(a.id), "withdraw"), 1);
  // Twice: 409, nothing more written.
  int status = 0;
  r = refusal([&] { files_.withdraw(Scope::nation(), kA, inc_.id, a.id, "Encore", actor_); },
              &status);
  EXPECT_EQ(status, 409);
  EXPECT_EQ(r.code, "incident.attachment_withdrawn");
  EXPECT_EQ(count_rows(db_.db(), "audit_log"), audits + 1);
}

TEST_P(IncidentAttachmentsTest, OutsideItsIncidentOrItsScopeAnAttachmentIsNotFound) {
  auto a = files_.add(Scope::nation(), kA, inc_.id, {"note.txt", "Compte rendu\n", "", {}}, actor_);
  const auto b = registry_.visible(Scope::nation(), "750100208");
  const auto a_est = registry_.visible(Scope::nation(), kA);
  const Scope other = Scope::establishment(b.id);
  auto status_of = [&](const std::function<void()>& f) {
    int status = 0;
    refusal(f, &status);
    return status;
  };
  // Another establishment's scope.
  EXPECT_EQ(status_of([&] { files_.list(other, kA, inc_.id); }), 404);
  EXPECT_EQ(status_of([&] { files_.file(other, kA, inc_.id, a.id); }), 404);
  EXPECT_EQ(status_of([&] {
              files_.add(other, kA, inc_.id, {"x.txt", "x", "", {}}, actor_);
            }),
            404);
  EXPECT_EQ(status_of([&] { files_.withdraw(other, kA, inc_.id, a.id, "Motif", actor_); }), 404);
  // The incident under another establishment, the attachment under another incident.
  EXPECT_EQ(status_of([&] { files_.file(Scope::nation(), "750100208", inc_.id, a.id); }), 404);
  EXPECT_EQ(status_of([&] { files_.file(Scope::nation(), kA, other_.id, a.id); }), 404);
  EXPECT_EQ(status_of([&] { files_.withdraw(Scope::nation(), kA, other_.id, a.id, "M", actor_); }),
            404);
  // Its own establishment's scope and a region's: found.
  EXPECT_EQ(files_.file(Scope::establishment(a_est.id), kA, inc_.id, a.id).bytes, "Compte rendu\n");
  EXPECT_EQ(files_.list(Scope::region(a_est.region_code), kA, inc_.id).size(), 1u);
  EXPECT_FALSE(files_.list(Scope::nation(), kA, inc_.id)[0].withdrawal.withdrawn());
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentAttachmentsTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
