# exposure run --store: the scan is recorded as the platform's upload records it (issue 17
# trial): an exposure audit dated by its scan, analysed, with its `exposure_audit` evidence, in
# the establishment's series; the same scan again (or exported again), files of a campaign too
# far apart, a refused input and a scan of private addresses store nothing.
# Variables: BIN (carepilot), DATA (tests/exposure/data), WORK (scratch folder).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(db "sqlite:${WORK}/platform.db")
execute_process(COMMAND "${BIN}" demo --database "${db}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "demo failed: ${rc}")
endif()
execute_process(COMMAND "${BIN}" exposure run --input "${DATA}/public.xml" --as-of 2026-10-05
                        --store 449900018 --database "${db}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "Enregistré comme audit d'exposition n° [0-9]+ de l'établissement 449900018, analyse du 30/11/2026")
  message(FATAL_ERROR "store failed (${rc}): ${out} ${err}")
endif()
# The same scan again, as the page refuses it: already uploaded.
execute_process(COMMAND "${BIN}" exposure run --input "${DATA}/public.xml"
                        --store 449900018 --database "${db}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "déjà été déposé")
  message(FATAL_ERROR "the same scan twice must be refused (${rc}): ${out} ${err}")
endif()
# The same scan exported again (other bytes: the same start, hosts and ports), as the page
# refuses it (issue 17 trial).
file(READ "${DATA}/public.xml" scan)
file(WRITE "${WORK}/public-reexport.xml" "${scan}\n<!-- exporté de nouveau -->\n")
execute_process(COMMAND "${BIN}" exposure run --input "${WORK}/public-reexport.xml"
                        --store 449900018 --database "${db}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "ce scan a déjà été déposé, exporté autrement : l'audit n° [0-9]+, analyse du 30/11/2026")
  message(FATAL_ERROR "the same scan exported again must be refused (${rc}): ${out} ${err}")
endif()
# Files a year apart are no single audit (data/exposure/campaign.yaml): refused before any
# recording.
execute_process(COMMAND "${BIN}" exposure run --input "${DATA}/public_old.xml"
                        --input "${DATA}/masscan.json" --store 449900018 --database "${db}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "7 jours au plus d'écart")
  message(FATAL_ERROR "files a year apart must be refused (${rc}): ${out} ${err}")
endif()
# Nothing stored: an unknown establishment, a truncated file, an XML bomb, private or
# documentation addresses.
execute_process(COMMAND "${BIN}" exposure run --input "${DATA}/public.xml" --as-of 2026-10-05
                        --store 750712184 --database "${db}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "refusé")
  message(FATAL_ERROR "an unknown establishment must be refused (${rc}): ${err}")
endif()
foreach(bad truncated.xml xml_bomb.xml private_only.xml documentation_only.xml no_host_up.xml)
  execute_process(COMMAND "${BIN}" exposure run --input "${DATA}/${bad}" --as-of 2026-10-06
                          --store 449900018 --database "${db}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0)
    message(FATAL_ERROR "${bad} must not be stored: ${out} ${err}")
  endif()
endforeach()
# A database that does not exist is not created: the command names it and stores nothing.
execute_process(COMMAND "${BIN}" exposure run --input "${DATA}/public.xml" --store 449900018
                        --database "sqlite:${WORK}/absente.db"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "absente.db » n'existe pas" OR EXISTS "${WORK}/absente.db")
  message(FATAL_ERROR "a missing database must be refused, not created (${rc}): ${out} ${err}")
endif()
execute_process(COMMAND sqlite3 "${WORK}/platform.db"
                "SELECT type || ' ' || date FROM evidence WHERE created_by = 'carepilot exposure'"
                OUTPUT_VARIABLE rows RESULT_VARIABLE rc)
if(NOT rows STREQUAL "exposure_audit 2026-11-30\n")
  message(FATAL_ERROR "expected exactly one exposure_audit record, got: '${rows}'")
endif()
execute_process(COMMAND sqlite3 "${WORK}/platform.db"
                "SELECT payload FROM evidence WHERE created_by = 'carepilot exposure'"
                OUTPUT_VARIABLE data)
if(NOT data MATCHES "\"score\": *[1-9]" OR NOT data MATCHES "findings_critical")
  message(FATAL_ERROR "the stored evidence must carry the score and the counts: '${data}'")
endif()
# An audit of the series: finished, dated by its scan, its evidence the audit's.
execute_process(COMMAND sqlite3 "${WORK}/platform.db"
                "SELECT a.state || ' ' || a.as_of || ' ' || (e.source = 'exposure_audit:' || a.id) FROM exposure_audits a JOIN evidence e ON e.id = a.evidence_id WHERE a.created_by = 'carepilot exposure'"
                OUTPUT_VARIABLE audits)
if(NOT audits STREQUAL "done 2026-11-30 1\n")
  message(FATAL_ERROR "expected one finished audit dated by its scan, got: '${audits}'")
endif()
