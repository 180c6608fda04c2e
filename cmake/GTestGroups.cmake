# Registers the GoogleTest cases of a test program with CTest in small groups, one process per
# group, instead of one process per case (gtest_discover_tests).
#
# Why (CI time): a test program of the sanitizer build takes about 0.7 s to start (a 400 Mo
# executable, AddressSanitizer's shadow memory), and the data a fixture reads once per process
# (referential, labels, templates, data/ files) is read again by every case of another
# process. With ~1 200 cases, one process per case spent a third of the suite's time starting.
#
# carepilot_gtest_groups(<target> [LABELS <label>...] [GROUP_SIZE <n>] [TIMEOUT <s>]
#                        [ALONE <suite regex>])
#   After each link, the program lists its cases (--gtest_list_tests); the cases of one suite
#   are cut into groups of at most GROUP_SIZE (default 8), in the program's order, each a
#   CTest test named "<Suite>.<first case>+<n>" (or "<Suite>.<case>" alone) that runs
#   `<program> --gtest_filter=<its cases>`. A failing case fails its group; --output-on-failure
#   shows which. A case skipped with GTEST_SKIP marks its group skipped, never passed.
#   ALONE: the cases of the suites it matches (the long tenancy walks) run one per process,
#   each with a high COST so that ctest starts them first (no cost data on a fresh machine:
#   otherwise they start last and the run waits on them alone).
#   The list is read by ctest from a file of the build tree (TEST_INCLUDE_FILES): it follows
#   the program, never a stale configure step.

set(CAREPILOT_GTEST_GROUPS_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/GTestGroupsList.cmake")

function(carepilot_gtest_groups target)
  cmake_parse_arguments(ARG "" "GROUP_SIZE;TIMEOUT;ALONE" "LABELS" ${ARGN})
  if(NOT ARG_GROUP_SIZE)
    set(ARG_GROUP_SIZE 8)
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 1200)
  endif()
  set(list_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_groups.cmake")
  set(include_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_include.cmake")
  string(REPLACE ";" "," labels "${ARG_LABELS}")
  add_custom_command(
    TARGET ${target} POST_BUILD
    COMMAND "${CMAKE_COMMAND}" -D "EXE=$<TARGET_FILE:${target}>" -D "OUT=${list_file}"
            -D "GROUP_SIZE=${ARG_GROUP_SIZE}" -D "TIMEOUT=${ARG_TIMEOUT}" -D "LABELS=${labels}"
            -D "WORKDIR=${CMAKE_CURRENT_BINARY_DIR}" -D "ALONE=${ARG_ALONE}"
            -P "${CAREPILOT_GTEST_GROUPS_SCRIPT}"
    BYPRODUCTS "${list_file}"
    VERBATIM)
  file(WRITE "${include_file}"
       "if(EXISTS \"${list_file}\")\n"
       "  include(\"${list_file}\")\n"
       "else()\n"
       "  add_test(${target}_NOT_BUILT ${target}_NOT_BUILT)\n"
       "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()
