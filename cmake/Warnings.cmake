# Project-wide warning and sanitizer flags, applied through an interface target.
add_library(cp_flags INTERFACE)
target_compile_options(cp_flags INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(CAREPILOT_WERROR)
  target_compile_options(cp_flags INTERFACE -Werror)
endif()
if(CAREPILOT_SANITIZE)
  # vptr checks need the typeinfo of SOCI's internal classes, which libsoci does not export.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize=vptr -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined -fno-sanitize=vptr)
endif()
