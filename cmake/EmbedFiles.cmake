# cp_embed_files(TARGET name NAMESPACE ns FILES f1 f2 ...)
# Generates a C++ source holding each file's bytes, reachable through
# `const std::map<std::string_view, std::string_view>& ns::embedded_files()`,
# keyed by the file name relative to BASE.
function(cp_embed_files)
  cmake_parse_arguments(E "" "TARGET;NAMESPACE;BASE" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${E_TARGET}_embedded.cpp")
  string(REPLACE ";" "|" files_arg "${E_FILES}")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNS=${E_NAMESPACE} -DBASE=${E_BASE}
            "-DFILES=${files_arg}" -P "${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake"
    DEPENDS ${E_FILES} "${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake"
    COMMENT "Embedding files for ${E_TARGET}" VERBATIM)
  add_library(${E_TARGET} STATIC "${out}")
  target_link_libraries(${E_TARGET} PRIVATE cp_flags)
endfunction()
