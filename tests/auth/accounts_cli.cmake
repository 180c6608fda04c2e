# carepilot user add (password on standard input) and carepilot audit verify, which must name
# the first broken link after one row of the trail is edited in the database.
# Variables: BIN (carepilot), WORK (scratch folder).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
# The audit trail's key and signed checkpoints live outside the database (issue 10).
set(ENV{CAREPILOT_AUDIT_KEY_FILE} "${WORK}/keys/audit.key")
set(ENV{CAREPILOT_AUDIT_CHECKPOINT_FILE} "${WORK}/checkpoints-1.log")
set(db "sqlite:${WORK}/platform.db")
file(WRITE "${WORK}/weak.txt" "azerty\n")
file(WRITE "${WORK}/good.txt" "une phrase de passe pour l'administrateur\n")
execute_process(COMMAND "${BIN}" user add --database "${db}" --email dsi.national@exemple.fr
                        --role national_admin --scope nation
                INPUT_FILE "${WORK}/weak.txt" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "password")
  message(FATAL_ERROR "a weak password must be refused (${rc}): ${out} ${err}")
endif()
execute_process(COMMAND "${BIN}" user add --database "${db}" --email dsi.national@exemple.fr
                        --role national_admin --scope nation
                INPUT_FILE "${WORK}/good.txt" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "Compte créé : dsi.national@exemple.fr")
  message(FATAL_ERROR "user add failed (${rc}): ${out} ${err}")
endif()
if(out MATCHES "[A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7]")
  message(FATAL_ERROR "the command line must never print a TOTP secret: ${out}")
endif()
execute_process(COMMAND "${BIN}" user add --database "${db}" --email rssi@exemple.fr
                        --role establishment_editor --scope establishment:999999999
                INPUT_FILE "${WORK}/good.txt" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "scope")
  message(FATAL_ERROR "an unknown establishment must be refused (${rc}): ${err}")
endif()
execute_process(COMMAND "${BIN}" demo --database "${db}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
execute_process(COMMAND "${BIN}" audit verify --database "${db}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "Journal intègre")
  message(FATAL_ERROR "a fresh trail must verify (${rc}): ${out} ${err}")
endif()
execute_process(COMMAND sqlite3 "${WORK}/platform.db"
                "UPDATE audit_log SET summary = 'falsifié' WHERE seq = 7" RESULT_VARIABLE rc)
execute_process(COMMAND "${BIN}" audit verify --database "${db}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT out MATCHES "rompu à l'entrée 7 ")
  message(FATAL_ERROR "the edited row 7 must be named (${rc}): ${out} ${err}")
endif()

# Deleting the whole trail (and resetting its head) is detected against the last checkpoint.
set(db2 "sqlite:${WORK}/platform2.db")
set(ENV{CAREPILOT_AUDIT_CHECKPOINT_FILE} "${WORK}/checkpoints-2.log")
execute_process(COMMAND "${BIN}" demo --database "${db2}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT EXISTS "${WORK}/checkpoints-2.log")
  message(FATAL_ERROR "demo must write a signed checkpoint of the trail")
endif()
execute_process(COMMAND "${BIN}" audit verify --database "${db2}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "points? de contrôle signés?")
  message(FATAL_ERROR "a fresh trail must verify against its checkpoint (${rc}): ${out} ${err}")
endif()
execute_process(COMMAND sqlite3 "${WORK}/platform2.db"
                "DELETE FROM audit_log; UPDATE audit_head SET seq = 0, hash = '' WHERE id = 1"
                RESULT_VARIABLE rc)
execute_process(COMMAND "${BIN}" audit verify --database "${db2}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT out MATCHES "journal supprimé")
  message(FATAL_ERROR "a deleted trail must be detected (${rc}): ${out} ${err}")
endif()
# Without the key, verify cannot vouch for anything: exit 2, saying why.
set(ENV{CAREPILOT_AUDIT_KEY_FILE} "${WORK}/keys/absent.key")
execute_process(COMMAND "${BIN}" audit verify --database "${db2}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT out MATCHES "clé du journal introuvable")
  message(FATAL_ERROR "verify without the key must exit 2 (${rc}): ${out} ${err}")
endif()

# Demo data and demo accounts never go into a database that holds a real establishment
# (issue 23): `demo` and `serve --demo` refuse, exit 2, and create no account.
unset(ENV{CAREPILOT_AUDIT_KEY_FILE})
set(ENV{CAREPILOT_AUDIT_KEY_FILE} "${WORK}/keys/audit.key")
set(ENV{CAREPILOT_AUDIT_CHECKPOINT_FILE} "${WORK}/checkpoints-3.log")
set(db3 "sqlite:${WORK}/real.db")
set(fields "structureet;750712184;750712184;CH REEL;CENTRE HOSPITALIER REEL;;;;;;;;056;75;PARIS;75013 PARIS;;;106;;1102;;;;;;;;1990-01-01;;;")
file(WRITE "${WORK}/real.csv" "${fields}\n")
execute_process(COMMAND "${BIN}" import-finess --database "${db3}" "${WORK}/real.csv"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the real extract must import (${rc}): ${out} ${err}")
endif()
execute_process(COMMAND "${BIN}" demo --database "${db3}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "refusé, la base contient 1 établissement réel")
  message(FATAL_ERROR "demo into a real database must be refused with exit 2 (${rc}): ${out} ${err}")
endif()
execute_process(COMMAND "${BIN}" serve --demo --listen 127.0.0.1:1 --database "${db3}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
if(NOT rc EQUAL 2 OR NOT err MATCHES "--demo refusé")
  message(FATAL_ERROR "serve --demo on a real database must be refused with exit 2 (${rc}): ${out} ${err}")
endif()
execute_process(COMMAND sqlite3 "${WORK}/real.db" "SELECT COUNT(*) FROM users"
                OUTPUT_VARIABLE users OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT users STREQUAL "0")
  message(FATAL_ERROR "no demo account may be created in a real database (${users})")
endif()
