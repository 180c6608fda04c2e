# Project-wide warning and sanitizer flags, applied through an interface target.
add_library(cp_flags INTERFACE)
target_compile_options(cp_flags INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
# A batch of the unity build includes .cpp files: a test fixture in an anonymous namespace
# (the usual gtest pattern) would be reported as used by a class of a "header".
if(CAREPILOT_UNITY)
  target_compile_options(cp_flags INTERFACE $<$<CXX_COMPILER_ID:GNU>:-Wno-subobject-linkage>)
endif()
if(CAREPILOT_WERROR)
  target_compile_options(cp_flags INTERFACE -Werror)
endif()
if(CAREPILOT_SANITIZE)
  # vptr checks need the typeinfo of SOCI's internal classes, which libsoci does not export.
  # null and alignment are left out (CI time): at -O0 they guard every pointer and member
  # access, which doubled the test objects' size and cost a quarter of their compile time
  # (tests/identification/api_test.cpp: 30.5 s of CPU with them, 23.4 s without;
  # engine_test.cpp: 3.4 Mo of object against 1.8 Mo; measured 2026-12-02), about a tenth of
  # the whole build; smaller programs also start and run faster. A null dereference still
  # stops the run: AddressSanitizer reports the SEGV with its stack; x86-64 loads misaligned
  # data. Every other check of -fsanitize=undefined stays (integer overflow, shifts, bounds,
  # enums, bool, return, unreachable, float casts, pointer overflow …), and aborts the test.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize=vptr,null,alignment
                      -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined -fno-sanitize=vptr,null,alignment)
endif()

# carepilot_unity_alone(<file>...): these sources of the current folder are compiled alone in a
# unity build (CAREPILOT_UNITY), because a file-local name (anonymous namespace, `using`) clashes
# with one of another file of the same target.
function(carepilot_unity_alone)
  set_source_files_properties(${ARGN} PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
endfunction()
