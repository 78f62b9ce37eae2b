# The Helm 4 post-renderer plugin: plugin.yaml, its launcher and a copy of
# the program, installed as one folder that `helm plugin install` accepts
# and `helm plugin package` archives.
#
# The copy is the static executable (cmake/static.cmake): it runs where
# Helm runs, whatever C library that machine has, and needs no libfyaml or
# PCRE2 there. plugin.yaml names the operating system and architecture it was
# built for, in Go's words, so Helm refuses it elsewhere instead of running a
# binary that cannot start. The folder holds a binary, so it sits under lib,
# not share.
set(HELM_PLUGIN_DESTINATION lib/liqo-scenario/helm-plugin)

string(TOLOWER "${CMAKE_SYSTEM_NAME}" HELM_PLUGIN_OS)
string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" processor)
set(go_arch_x86_64 amd64)
set(go_arch_amd64 amd64)
set(go_arch_aarch64 arm64)
set(go_arch_arm64 arm64)
set(go_arch_armv7l arm)
set(go_arch_i686 386)
set(go_arch_i386 386)
set(go_arch_ppc64le ppc64le)
set(go_arch_s390x s390x)
set(go_arch_riscv64 riscv64)
if(DEFINED go_arch_${processor})
  set(HELM_PLUGIN_ARCH ${go_arch_${processor}})
else()
  set(HELM_PLUGIN_ARCH ${processor})
endif()
configure_file(helm-plugin/plugin.yaml.in ${PROJECT_BINARY_DIR}/helm-plugin/plugin.yaml @ONLY)

install(FILES ${PROJECT_BINARY_DIR}/helm-plugin/plugin.yaml DESTINATION ${HELM_PLUGIN_DESTINATION})
install(PROGRAMS helm-plugin/run-liqo-scenario DESTINATION ${HELM_PLUGIN_DESTINATION})
install(TARGETS liqo-scenario-static RUNTIME DESTINATION ${HELM_PLUGIN_DESTINATION})
