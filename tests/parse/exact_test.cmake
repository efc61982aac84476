# Runs `ffigen check INPUT` and compares its stderr with EXPECTED, byte for
# byte (the caret lines included), and its exit status with 1. A file
# beside INPUT with the extension .args holds more options (--include ...).
get_filename_component(name ${INPUT} NAME)
get_filename_component(stem ${INPUT} NAME_WE)
set(args "")
if(EXISTS ${stem}.args)
  file(READ ${stem}.args args)
  separate_arguments(args UNIX_COMMAND "${args}")
endif()
execute_process(COMMAND ${FFIGEN} check ${name} ${args} RESULT_VARIABLE status
                ERROR_VARIABLE err OUTPUT_VARIABLE out)
file(READ ${EXPECTED} expected)
if(NOT status EQUAL 1)
  message(FATAL_ERROR "exit status ${status}, expected 1")
endif()
if(NOT err STREQUAL expected)
  message(FATAL_ERROR "stderr differs.\n--- got:\n${err}--- expected:\n${expected}")
endif()
