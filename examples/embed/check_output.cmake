# cmake -DPROGRAM=path [-DARGS=a;b] -DEXPECTED=file -P check_output.cmake: runs PROGRAM and fails
# unless it exits with status 0 having printed exactly the contents of EXPECTED on stdout.
execute_process(COMMAND ${PROGRAM} ${ARGS} OUTPUT_VARIABLE output ERROR_VARIABLE errors
                RESULT_VARIABLE status)
file(READ ${EXPECTED} expected)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${status}\nstdout:\n${output}\nstderr:\n${errors}")
endif()
if(NOT output STREQUAL expected)
  message(FATAL_ERROR "${PROGRAM} printed (stdout):\n${output}\nexpected (${EXPECTED}):\n${expected}")
endif()
