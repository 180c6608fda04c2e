# carepilot user add (password on standard input) and carepilot audit verify, which must name
# the first broken link after one row of the trail is edited in the database.
# Variables: BIN (carepilot), WORK (scratch folder).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
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
