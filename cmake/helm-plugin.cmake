# The Helm 4 post-renderer plugin: plugin.yaml, its launcher and a copy of
# the binary, installed as one folder that `helm plugin install` accepts.
set(HELM_PLUGIN_DESTINATION ${CMAKE_INSTALL_DATADIR}/liqo-scenario/helm-plugin)
install(FILES helm-plugin/plugin.yaml DESTINATION ${HELM_PLUGIN_DESTINATION})
install(PROGRAMS helm-plugin/run-liqo-scenario DESTINATION ${HELM_PLUGIN_DESTINATION})
install(TARGETS liqo-scenario RUNTIME DESTINATION ${HELM_PLUGIN_DESTINATION})
