# The Debian package: `cpack -G DEB` in the build folder makes
# liqo-scenario_VERSION_ARCH.deb from what `cmake --install` installs, under
# /usr. Its Depends line is computed by dpkg-shlibdeps from the binaries, so
# it names the libfyaml the program was linked with; the changelog and the
# copyright file are where Debian looks for them.
set(LIQO_SCENARIO_MAINTAINER "liqo-scenario maintainers <maintainers@liqo-scenario.org>"
    CACHE STRING "Name <address> of the package's maintainer")
set(DOC_DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/liqo-scenario)
configure_file(packaging/changelog.in ${PROJECT_BINARY_DIR}/packaging/changelog @ONLY)
add_custom_command(
  OUTPUT ${PROJECT_BINARY_DIR}/packaging/changelog.gz
  COMMAND gzip -9nc ${PROJECT_BINARY_DIR}/packaging/changelog > ${PROJECT_BINARY_DIR}/packaging/changelog.gz
  DEPENDS ${PROJECT_BINARY_DIR}/packaging/changelog
  COMMENT "Compressing the changelog")
add_custom_target(liqo-scenario-changelog ALL DEPENDS ${PROJECT_BINARY_DIR}/packaging/changelog.gz)
install(FILES packaging/copyright ${PROJECT_BINARY_DIR}/packaging/changelog.gz DESTINATION ${DOC_DESTINATION})
# Why the plugin's binary is static, where lintian looks for it.
install(FILES packaging/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME liqo-scenario)

set(CPACK_PACKAGE_NAME liqo-scenario)
set(CPACK_PACKAGE_VENDOR "liqo-scenario")
set(CPACK_PACKAGE_CONTACT "${LIQO_SCENARIO_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Helm post-renderer that exposes Liqo as one peering scenario")
# The control file's description: lines of at most 80 columns, as Debian asks.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "liqo-scenario reads a rendered Liqo chart (v0.3 to v1.x) and writes it\n"
  "back with the auth server, the Kubernetes API server and the network\n"
  "gateway exposed the way one scenario of Liqo's pre-install guide asks:\n"
  "Service types rewritten, node ports pinned, Ingress documents added and\n"
  "the addresses Liqo advertises set. On Liqo v1 it sets the API server\n"
  "address and prints the liqoctl peer commands of the peering plan. Bytes\n"
  "it does not change are copied unchanged, so renders can be reviewed as\n"
  "diffs.\n"
  "\n"
  "It runs as a Helm 3 post-renderer, as a Helm 4 postrenderer plugin (the\n"
  "plugin folder is included, in /usr/lib/liqo-scenario, for Helm 4 to read\n"
  "through HELM_PLUGINS) or in a pipeline, and comes with shell completion\n"
  "for bash, zsh and fish.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# bash reads the completion script only through the bash-completion package.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS bash-completion)
set(CPACK_STRIP_FILES ON)
# Debian wants 0755 folders whatever the builder's umask.
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
include(CPack)
