# Configuration layering and unknown keys, and the exit codes of `migrate` and `import-finess`
# (issue 23, point 6). Variables: BIN (carepilot), WORK (scratch folder).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(ENV{CAREPILOT_AUDIT_KEY_FILE} "${WORK}/keys/audit.key")
set(ENV{CAREPILOT_AUDIT_CHECKPOINT_FILE} "${WORK}/checkpoints.log")
unset(ENV{CAREPILOT_DATABASE})
unset(ENV{CAREPILOT_CONFIG})

function(expect_run code match)  # ARGN: the arguments
  execute_process(COMMAND "${BIN}" ${ARGN} WORKING_DIRECTORY "${WORK}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc STREQUAL "${code}" OR NOT "${out}${err}" MATCHES "${match}")
    message(FATAL_ERROR "carepilot ${ARGN}: exit ${rc} (expected ${code}), output must match "
                        "« ${match} »\nstdout: ${out}\nstderr: ${err}")
  endif()
endfunction()

# migrate: 0 and the count on an empty database, 0 and nothing left on the second run,
# 1 with the reason on a database it cannot open.
expect_run(0 "[1-9][0-9]* migrations? appliquées?" migrate --database "sqlite:${WORK}/m.db")
expect_run(0 "^0 migration appliquée" migrate --database "sqlite:${WORK}/m.db")
file(WRITE "${WORK}/a-file" "")
expect_run(1 "carepilot: " migrate --database "sqlite:${WORK}/a-file/m.db")
expect_run(1 "carepilot: " migrate --database "mysql://nulle-part")
# compliance recompute and verify open the evidence store as every recording command does
# (app/evidence_store.hpp): 0 on an empty registry.
expect_run(0 "Statuts calculés au [0-9-]+ : 0 établissement recalculé"
           compliance recompute --database "sqlite:${WORK}/m.db")
expect_run(0 "Statuts enregistrés conformes" compliance verify --database "sqlite:${WORK}/m.db")

# Layering: the file, then the environment, then the command line, each over the one before.
file(WRITE "${WORK}/layers.toml" "database = \"sqlite:${WORK}/from-file.db\"\n")
expect_run(0 "migration" migrate --config "${WORK}/layers.toml")
if(NOT EXISTS "${WORK}/from-file.db")
  message(FATAL_ERROR "the file's database was not used")
endif()
set(ENV{CAREPILOT_DATABASE} "sqlite:${WORK}/from-env.db")
expect_run(0 "migration" migrate --config "${WORK}/layers.toml")
if(NOT EXISTS "${WORK}/from-env.db")
  message(FATAL_ERROR "the environment does not override the file")
endif()
expect_run(0 "migration" migrate --config "${WORK}/layers.toml" --database "sqlite:${WORK}/from-flag.db")
if(NOT EXISTS "${WORK}/from-flag.db")
  message(FATAL_ERROR "the command line does not override the environment")
endif()
unset(ENV{CAREPILOT_DATABASE})
# CAREPILOT_CONFIG names the file when --config does not.
set(ENV{CAREPILOT_CONFIG} "${WORK}/layers.toml")
file(REMOVE "${WORK}/from-file.db")
expect_run(0 "migration" migrate)
if(NOT EXISTS "${WORK}/from-file.db")
  message(FATAL_ERROR "CAREPILOT_CONFIG was not read")
endif()
unset(ENV{CAREPILOT_CONFIG})

# A typo in the file is an error naming the key and its line, not a setting silently left at
# its default; so are a wrong type and a missing file.
file(WRITE "${WORK}/typo.toml" "database = \"sqlite:${WORK}/typo.db\"\nsecond_factor_for_al = true\n")
expect_run(1 "typo.toml:2 : clé inconnue « second_factor_for_al »" migrate --config "${WORK}/typo.toml")
if(EXISTS "${WORK}/typo.db")
  message(FATAL_ERROR "a refused configuration must not touch the database")
endif()
file(WRITE "${WORK}/type.toml" "tls = \"oui\"\n")
expect_run(1 "tls doit être true ou false" migrate --config "${WORK}/type.toml" --database "sqlite:${WORK}/t.db")
expect_run(1 "fichier de configuration introuvable" migrate --config "${WORK}/absent.toml")
set(ENV{CAREPILOT_TLS} "peut-être")
expect_run(1 "CAREPILOT_TLS doit valoir true ou false" migrate --database "sqlite:${WORK}/t.db")
unset(ENV{CAREPILOT_TLS})

# import-finess: 0 for a valid extract, 2 and nothing recorded for a refused one, and a
# usage error (not 0) for a missing file.
set(fields "structureet;750712184;750712184;CH REEL;CENTRE HOSPITALIER REEL;;;;;;;;056;75;PARIS;75013 PARIS;;;106;;1102;;;;;;;;1990-01-01;;;")
file(WRITE "${WORK}/good.csv" "${fields}\n")
expect_run(0 "1 établissement importé" import-finess --database "sqlite:${WORK}/i.db" "${WORK}/good.csv")
file(WRITE "${WORK}/bad.csv" "structureet;75071218X;750712184;CH FAUX\n")
expect_run(2 "Import refusé, rien n'a été enregistré" import-finess --database "sqlite:${WORK}/i.db" "${WORK}/bad.csv")
execute_process(COMMAND sqlite3 "${WORK}/i.db" "SELECT COUNT(*) FROM establishments"
                OUTPUT_VARIABLE n OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT n STREQUAL "1")
  message(FATAL_ERROR "a refused import recorded something (${n} establishments)")
endif()
execute_process(COMMAND "${BIN}" import-finess --database "sqlite:${WORK}/i.db" "${WORK}/absent.csv"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT "${out}${err}" MATCHES "absent.csv")
  message(FATAL_ERROR "a missing extract must fail naming it (${rc}): ${out} ${err}")
endif()
