# ad-audit run --store: the collection is recorded as the platform's upload records it (issue 17
# trial, the fault exposure run --store had): an AD audit of the establishment's series, dated
# --as-of, analysed, with its `ad_audit` evidence (source "ad_audit:ID") and its report; a
# folder is packed as a zip first; an unknown establishment and a day to come store nothing.
# Variables: BIN (carepilot), INPUT (an LDIF collection), FOLDER (a SharpHound folder),
# WORK (scratch folder).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(db "sqlite:${WORK}/platform.db")
set(ENV{CAREPILOT_AD_AUDIT_DIR} "${WORK}/ad-audits")
execute_process(COMMAND "${BIN}" demo --database "${db}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "demo failed: ${rc}")
endif()
execute_process(COMMAND "${BIN}" ad-audit run --input "${INPUT}" --as-of 2026-10-05
                        --store 449900018 --database "${db}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
# The LDIF sample has no sessions and no AD CS: a partial collection (exit 3), recorded as
# an incomplete audit with its floor level.
if(NOT rc EQUAL 3 OR NOT out MATCHES "Enregistré comme audit Active Directory n° [0-9]+ de l'établissement 449900018 au 05/10/2026 \\(audit incomplet, niveau retenu : [1-5]\\)")
  message(FATAL_ERROR "store failed (${rc}): ${out} ${err}")
endif()
# A SharpHound folder: packed as a zip, recorded under the folder's name.
execute_process(COMMAND "${BIN}" ad-audit run --input "${FOLDER}" --as-of 2026-10-06
                        --store 449900018 --database "${db}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT out MATCHES "Enregistré comme audit Active Directory n° [0-9]+ de l'établissement 449900018 au 06/10/2026")
  message(FATAL_ERROR "a folder must be stored as a zip (${rc}): ${out} ${err}")
endif()
# Nothing stored: an unknown establishment, a day to come.
execute_process(COMMAND "${BIN}" ad-audit run --input "${INPUT}" --as-of 2026-10-05
                        --store 750712184 --database "${db}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "refusé")
  message(FATAL_ERROR "an unknown establishment must be refused (${rc}): ${err}")
endif()
execute_process(COMMAND "${BIN}" ad-audit run --input "${INPUT}" --as-of 2099-01-01
                        --store 449900018 --database "${db}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "à venir")
  message(FATAL_ERROR "a day to come must be refused (${rc}): ${out} ${err}")
endif()
# A database that does not exist is not created: the command names it and stores nothing.
execute_process(COMMAND "${BIN}" ad-audit run --input "${INPUT}" --store 449900018
                        --database "sqlite:${WORK}/absente.db"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "absente.db » n'existe pas" OR EXISTS "${WORK}/absente.db")
  message(FATAL_ERROR "a missing database must be refused, not created (${rc}): ${out} ${err}")
endif()
execute_process(COMMAND sqlite3 "${WORK}/platform.db"
                "SELECT type || ' ' || date || ' ' || (payload LIKE '%audit incomplet%') FROM evidence WHERE created_by = 'carepilot ad-audit' ORDER BY date"
                OUTPUT_VARIABLE rows RESULT_VARIABLE rc)
# Both samples lack sessions: each is recorded as incomplete.
if(NOT rows STREQUAL "ad_audit 2026-10-05 1\nad_audit 2026-10-06 1\n")
  message(FATAL_ERROR "expected two incomplete ad_audit records, got: '${rows}'")
endif()
# Audits of the series: finished, dated --as-of, each with its evidence and report; the
# folder's under its name as a zip.
execute_process(COMMAND sqlite3 "${WORK}/platform.db"
                "SELECT a.state || ' ' || a.as_of || ' ' || a.file_name || ' ' || (e.source = 'ad_audit:' || a.id) || ' ' || (a.report_document_id IS NOT NULL) FROM ad_audits a JOIN evidence e ON e.id = a.evidence_id WHERE a.created_by = 'carepilot ad-audit' ORDER BY a.as_of"
                OUTPUT_VARIABLE audits)
if(NOT audits STREQUAL "done 2026-10-05 corp.ldif 1 1\ndone 2026-10-06 sharphound_v6.zip 1 1\n")
  message(FATAL_ERROR "expected two finished audits of the series, got: '${audits}'")
endif()
# Nothing left waiting: the staged copies are moved then removed by the job.
file(GLOB_RECURSE left "${WORK}/ad-audits/*")
if(left)
  message(FATAL_ERROR "files left in the waiting directory: ${left}")
endif()
