# add_cdef_tests(PREFIX SCRIPT [SKIP REGEX]): one test PREFIX_NAME, labelled
# PREFIX, for each NAME.cdef in the calling directory (except names matching
# SKIP), running SCRIPT FFIGEN SOURCE_DIR BINARY_DIR NAME. Shared by the
# golden and e2e scenario lists.
function(add_cdef_tests prefix script)
  cmake_parse_arguments(arg "" "SKIP" "" ${ARGN})
  file(GLOB cdefs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cdef)
  foreach(cdef IN LISTS cdefs)
    get_filename_component(name ${cdef} NAME_WE)
    if(arg_SKIP AND name MATCHES "${arg_SKIP}")
      continue()
    endif()
    add_test(NAME ${prefix}_${name}
             COMMAND ${script} $<TARGET_FILE:ffigen>
                     ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR} ${name})
    set_tests_properties(${prefix}_${name} PROPERTIES LABELS ${prefix})
  endforeach()
endfunction()
