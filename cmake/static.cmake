# The static executable: the program with libfyaml, PCRE2 and the C library
# all linked in, so it runs in an image built FROM scratch (the Argo CD
# sidecar's, scripts/build-image.sh), in an empty chroot and on any Linux of
# its architecture, whatever C library that system has or lacks. The Helm
# plugin ships it and scripts/release.sh packs it as a tarball.
#
# The program reads files and writes files: it looks up no user, host or
# locale, so glibc's static archive serves it without the NSS and iconv
# modules that a static glibc would otherwise load at run time (the link
# would warn if it needed them). Sanitizer runtimes do not link statically,
# so sanitizer and fuzzing builds make this binary with the shared C library
# (libfyaml and PCRE2 still from their archives).
if(LIQO_SCENARIO_SANITIZE OR LIQO_SCENARIO_FUZZ)
  set(static_default OFF)
else()
  set(static_default ON)
endif()
option(LIQO_SCENARIO_STATIC "Link the C library into build/static/liqo-scenario too" ${static_default})

find_library(FYAML_ARCHIVE NAMES libfyaml.a HINTS ${FYAML_LIBRARY_DIRS})
if(NOT FYAML_ARCHIVE OR NOT PCRE2_ARCHIVE)
  if(LIQO_SCENARIO_STATIC)
    message(FATAL_ERROR "LIQO_SCENARIO_STATIC needs libfyaml.a and libpcre2-8.a (libfyaml-dev, libpcre2-dev)")
  endif()
  message(WARNING "libfyaml.a or libpcre2-8.a not found: build/static/liqo-scenario links them as shared libraries")
endif()
find_library(LIBC_ARCHIVE NAMES libc.a)
if(LIQO_SCENARIO_STATIC AND NOT LIBC_ARCHIVE)
  message(FATAL_ERROR "LIQO_SCENARIO_STATIC needs the C library's libc.a (libc6-dev); or -DLIQO_SCENARIO_STATIC=OFF")
endif()
set(static_fyaml ${FYAML_ARCHIVE})
if(NOT FYAML_ARCHIVE)
  set(static_fyaml PkgConfig::FYAML)
endif()

add_executable(liqo-scenario-static filter/main.c $<TARGET_OBJECTS:liqo_scenario_objects>)
target_compile_definitions(liqo-scenario-static PRIVATE LIQO_SCENARIO_VERSION="${PROJECT_VERSION}")
target_include_directories(liqo-scenario-static PRIVATE ${PROJECT_SOURCE_DIR}/filter)
target_link_libraries(liqo-scenario-static PRIVATE ${static_fyaml} ${PCRE2_LINK})
if(LIQO_SCENARIO_STATIC)
  # Stripped: the copies that ship it (plugin archive, tarball, image) are
  # this very file, byte for byte; the shared build keeps its symbols.
  target_link_options(liqo-scenario-static PRIVATE -static -s)
endif()
set_target_properties(liqo-scenario-static PROPERTIES OUTPUT_NAME liqo-scenario
                      RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/static)
