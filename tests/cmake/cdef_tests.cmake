# add_cdef_tests(PREFIX SCRIPT [SKIP REGEX] [WORK_DIR DIR] [ENVIRONMENT VAR=VALUE...]):
# one test PREFIX_NAME, labelled PREFIX, for each NAME.cdef in the calling
# directory (except names matching SKIP), running SCRIPT FFIGEN SOURCE_DIR
# WORK_DIR NAME (WORK_DIR: the calling directory's binary directory unless
# given) in ENVIRONMENT. Shared by the golden and e2e scenario lists.
function(add_cdef_tests prefix script)
  cmake_parse_arguments(arg "" "SKIP;WORK_DIR" "ENVIRONMENT" ${ARGN})
  set(work_dir ${CMAKE_CURRENT_BINARY_DIR})
  if(arg_WORK_DIR)
    set(work_dir ${arg_WORK_DIR})
  endif()
  file(GLOB cdefs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cdef)
  foreach(cdef IN LISTS cdefs)
    get_filename_component(name ${cdef} NAME_WE)
    if(arg_SKIP AND name MATCHES "${arg_SKIP}")
      continue()
    endif()
    add_test(NAME ${prefix}_${name}
             COMMAND ${script} $<TARGET_FILE:ffigen>
                     ${CMAKE_CURRENT_SOURCE_DIR} ${work_dir} ${name})
    set_tests_properties(${prefix}_${name} PROPERTIES LABELS ${prefix} ENVIRONMENT "${arg_ENVIRONMENT}")
  endforeach()
endfunction()
