# Script mode (cmake -P), run after a test program links (cmake/GTestGroups.cmake): lists its
# GoogleTest cases and writes the CTest tests of their groups to OUT.
# Inputs: EXE, OUT, GROUP_SIZE, TIMEOUT, LABELS (comma-separated), WORKDIR, ALONE (a regex of
# suites whose cases run one per process, started first: COST 1000).
# Groups: the cases of one suite, apart by the index of a value-parameterised instantiation
# ("Backends/XTest.Case/1": the PostgreSQL ones apart from the SQLite ones, so both run side by
# side), cut into groups of at most GROUP_SIZE in the program's order.
cmake_minimum_required(VERSION 3.25)
execute_process(
  COMMAND "${EXE}" --gtest_list_tests
  WORKING_DIRECTORY "${WORKDIR}"
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE errors
  TIMEOUT 120)
if(NOT result EQUAL 0)
  file(REMOVE "${OUT}")
  message(FATAL_ERROR "${EXE} --gtest_list_tests failed (${result}):\n${output}\n${errors}")
endif()

string(REPLACE "," ";" labels "${LABELS}")
set(script "# Generated from ${EXE} --gtest_list_tests: do not edit.\n")
set(count 0)

# Writes one group: the cases `group_cases` (a list) of `suite`.
function(write_group)
  list(LENGTH group_cases n)
  list(GET group_cases 0 first)
  if(n EQUAL 1)
    set(name "${suite}.${first}")
  else()
    math(EXPR more "${n} - 1")
    set(name "${suite}.${first}+${more}")
  endif()
  set(filter "")
  foreach(c IN LISTS group_cases)
    if(filter)
      string(APPEND filter ":")
    endif()
    string(APPEND filter "${suite}.${c}")
  endforeach()
  string(APPEND script
         "add_test([==[${name}]==] [==[${EXE}]==] [==[--gtest_filter=${filter}]==])\n"
         "set_tests_properties([==[${name}]==] PROPERTIES WORKING_DIRECTORY [==[${WORKDIR}]==] "
         "TIMEOUT ${TIMEOUT} SKIP_REGULAR_EXPRESSION [==[\\[  SKIPPED \\]]==]")
  if(labels)
    string(APPEND script " LABELS [==[${labels}]==]")
  endif()
  if(alone)
    string(APPEND script " COST 1000")
  endif()
  string(APPEND script ")\n")
  math(EXPR count "${count} + 1")
  set(script "${script}" PARENT_SCOPE)
  set(count "${count}" PARENT_SCOPE)
endfunction()

# Writes the groups of the suite whose cases were gathered in buckets (bucket_keys, and the
# cases of each in bucket_<key>), then forgets them.
macro(flush_suite)
  set(alone FALSE)
  set(size "${GROUP_SIZE}")
  if(ALONE AND suite MATCHES "${ALONE}")
    set(alone TRUE)
    set(size 1)
  endif()
  foreach(key IN LISTS bucket_keys)
    set(group_cases "")
    foreach(c IN LISTS bucket_${key})
      list(APPEND group_cases "${c}")
      list(LENGTH group_cases n)
      if(n GREATER_EQUAL size)
        write_group()
        set(group_cases "")
      endif()
    endforeach()
    if(group_cases)
      write_group()
    endif()
    unset(bucket_${key})
  endforeach()
  set(bucket_keys "")
endmacro()

# Square brackets group list elements in CMake (a "[" in a parameter's printed value would
# swallow the lines after it), and case names never hold one: out before splitting.
string(REPLACE "[" "(" output "${output}")
string(REPLACE "]" ")" output "${output}")
string(REPLACE ";" "," output "${output}")
string(REPLACE "\n" ";" lines "${output}")
set(suite "")
set(bucket_keys "")
foreach(line IN LISTS lines)
  if(line MATCHES "^([^ #][^ ]*)\\.( +#.*)?$")
    set(next_suite "${CMAKE_MATCH_1}")  # before flush_suite, whose MATCHES resets the match
    flush_suite()
    set(suite "${next_suite}")
  elseif(line MATCHES "^  ([^ #]+)( +#.*)?$" AND suite)
    set(case "${CMAKE_MATCH_1}")
    set(key "all")
    if(case MATCHES "/([0-9]+)$")
      set(key "p${CMAKE_MATCH_1}")
    endif()
    if(NOT key IN_LIST bucket_keys)
      list(APPEND bucket_keys "${key}")
    endif()
    list(APPEND bucket_${key} "${case}")
  endif()
endforeach()
flush_suite()
if(count EQUAL 0)
  message(FATAL_ERROR "${EXE} lists no test case")
endif()
file(WRITE "${OUT}" "${script}")
