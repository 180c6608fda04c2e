# Runs one command and checks both its exit code and its output (issue 23: a CLI test that
# matched the output alone passed whatever the exit code, and WILL_FAIL passed on any
# failure, an option typo included).
# Variables: BIN (the program), ARGS (its arguments separated by "|"), EXPECT (exit code),
# MATCH (optional regex the combined stdout+stderr must match), NOMATCH (optional regex it
# must not match).
string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND ${BIN} ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
if(NOT rc STREQUAL "${EXPECT}")
  message(FATAL_ERROR "exit ${rc}, expected ${EXPECT}\nstdout: ${out}\nstderr: ${err}")
endif()
if(DEFINED MATCH AND NOT all MATCHES "${MATCH}")
  message(FATAL_ERROR "output does not match « ${MATCH} »\nstdout: ${out}\nstderr: ${err}")
endif()
if(DEFINED NOMATCH AND all MATCHES "${NOMATCH}")
  message(FATAL_ERROR "output matches « ${NOMATCH} »\nstdout: ${out}\nstderr: ${err}")
endif()
message(STATUS "exit ${rc}")
