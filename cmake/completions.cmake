# Writes the bash, zsh and fish completion scripts by running the built
# program, so they come from the option table that also makes --help.
# Usage: cmake -DBINARY=path -DOUTPUT_DIR=dir -P completions.cmake
file(MAKE_DIRECTORY ${OUTPUT_DIR})
foreach(pair "bash;liqo-scenario" "zsh;_liqo-scenario" "fish;liqo-scenario.fish")
  list(GET pair 0 shell)
  list(GET pair 1 name)
  execute_process(COMMAND ${BINARY} --completion ${shell} OUTPUT_FILE ${OUTPUT_DIR}/${name}
                  RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${BINARY} --completion ${shell} failed: ${status}")
  endif()
endforeach()
