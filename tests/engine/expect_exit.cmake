# Runs `BIN evaluate --as-of ASOF [--data DATA] FILE` and checks its exit code is EXPECT;
# a refusal (exit 2) must also print a message on stderr.
if(NOT DEFINED ASOF)
  set(ASOF 2026-11-23)
endif()
set(args evaluate --as-of ${ASOF})
if(DEFINED DATA)
  list(APPEND args --data ${DATA})
endif()
execute_process(COMMAND ${BIN} ${args} ${FILE} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT rc EQUAL EXPECT)
  message(FATAL_ERROR "exit ${rc}, expected ${EXPECT}\nstdout: ${out}\nstderr: ${err}")
endif()
if(EXPECT EQUAL 2 AND err STREQUAL "")
  message(FATAL_ERROR "refused without a message on stderr")
endif()
message(STATUS "exit ${rc}: ${err}")
