# ad-audit run --store: the audit becomes `ad_audit` evidence of a platform establishment.
# Variables: BIN (carepilot), INPUT (a collection), WORK (scratch folder).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(db "sqlite:${WORK}/platform.db")
execute_process(COMMAND "${BIN}" demo --database "${db}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "demo failed: ${rc}")
endif()
execute_process(COMMAND "${BIN}" ad-audit run --input "${INPUT}" --as-of 2026-10-05
                        --store 449900018 --database "${db}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
# The LDIF sample has no sessions and no AD CS: a partial collection (exit 3), recorded as
# an incomplete audit with its floor level.
if(NOT rc EQUAL 3 OR NOT out MATCHES "enregistré comme preuve" OR NOT out MATCHES "audit incomplet")
  message(FATAL_ERROR "store failed (${rc}): ${out} ${err}")
endif()
# The stored audit satisfies the quarter's ad-audit obligation in the platform.
execute_process(COMMAND "${BIN}" ad-audit run --input "${INPUT}" --as-of 2026-10-05
                        --store 750712184 --database "${db}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "refusé")
  message(FATAL_ERROR "an unknown establishment must be refused (${rc}): ${err}")
endif()
execute_process(COMMAND sqlite3 "${WORK}/platform.db"
                "SELECT type || ' ' || date FROM evidence WHERE created_by = 'carepilot ad-audit'"
                OUTPUT_VARIABLE rows RESULT_VARIABLE rc)
execute_process(COMMAND sqlite3 "${WORK}/platform.db"
                "SELECT payload FROM evidence WHERE created_by = 'carepilot ad-audit'"
                OUTPUT_VARIABLE data)
if(NOT data MATCHES "audit incomplet")
  message(FATAL_ERROR "the stored evidence must say the audit is incomplete: '${data}'")
endif()
if(NOT rows STREQUAL "ad_audit 2026-10-05\n")
  message(FATAL_ERROR "expected exactly one ad_audit record, got: '${rows}'")
endif()
