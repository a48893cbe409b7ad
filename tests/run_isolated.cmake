# Runs EXE with a fresh, empty HOME so that no test sees another's settings or data.
file(REMOVE_RECURSE ${HOME})
file(MAKE_DIRECTORY ${HOME}/run)
file(CHMOD ${HOME}/run DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
execute_process(COMMAND ${EXE} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXE} exited with ${rc}")
endif()
