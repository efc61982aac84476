# ffigen_add_module(<target> <cdef>
#     [SOURCE <preamble>] [MODULE_NAME <dotted.name>] [RUNTIME <module>]
#     [NO_LIMITED_API] [OUTPUT_DIRECTORY <dir>]
#     [INCLUDE_DIRS <dir>...] [DEFINES <X[=Y]>...] [LIBRARIES <lib>...]
#     [LINK_DIRECTORIES <dir>...] [SOURCES <file.c>...]
#     [INCLUDES [<module>=]<cdef>...])
#
# Generates the module's C with `ffigen generate` and compiles it with this
# project's own C compiler into a MODULE library named as Python imports it
# (<last part of the name><suffix>). The C is regenerated when the cdef, the
# preamble or an included cdef changes; headers the preamble includes are
# tracked by CMake's own dependency scanning of the generated C (the
# preamble is pasted into it), so touching one recompiles the module.
#
# The Python the module is built for: FFIGEN_PYTHON_INCLUDE and
# FFIGEN_EXT_SUFFIX when set (cache variables, or set by a toolchain file);
# else, when cross-compiling, the target Python's _sysconfigdata in
# CMAKE_SYSROOT; else the consumer's FindPython3 (found here if it was not).
# For PyPy (an EXT_SUFFIX starting ".pypy", e.g. FFIGEN_EXT_SUFFIX
# .pypy39-pp73-x86_64-linux-gnu.so with FFIGEN_PYTHON_INCLUDE
# /usr/include/pypy3.9) the module is named with EXT_SUFFIX and built as
# with NO_LIMITED_API.

function(_ffigen_python_facts include_var suffix_var)
  if(FFIGEN_PYTHON_INCLUDE AND FFIGEN_EXT_SUFFIX)
    set(${include_var} "${FFIGEN_PYTHON_INCLUDE}" PARENT_SCOPE)
    set(${suffix_var} "${FFIGEN_EXT_SUFFIX}" PARENT_SCOPE)
  elseif(CMAKE_CROSSCOMPILING)
    # No target interpreter runs: read what it would report from its
    # sysconfig data (a pretty-printed dict, one short value per line).
    file(GLOB sysconfig_data "${CMAKE_SYSROOT}/usr/lib/python3*/_sysconfigdata_*.py")
    if(NOT sysconfig_data OR NOT CMAKE_SYSROOT)
      message(FATAL_ERROR "ffigen_add_module: cross-compiling without a target Python in "
        "CMAKE_SYSROOT ('${CMAKE_SYSROOT}'): set FFIGEN_PYTHON_INCLUDE (the target's Python.h "
        "directory) and FFIGEN_EXT_SUFFIX (its EXT_SUFFIX, e.g. .cpython-311-aarch64-linux-gnu.so)")
    endif()
    list(GET sysconfig_data 0 sysconfig_data)
    file(STRINGS "${sysconfig_data}" lines REGEX "^ *'(INCLUDEPY|EXT_SUFFIX)': '")
    string(REGEX MATCH "'INCLUDEPY': '([^']*)'" unused "${lines}")
    set(${include_var} "${CMAKE_SYSROOT}${CMAKE_MATCH_1}" PARENT_SCOPE)
    string(REGEX MATCH "'EXT_SUFFIX': '([^']*)'" unused "${lines}")
    set(${suffix_var} "${CMAKE_MATCH_1}" PARENT_SCOPE)
  else()
    if(NOT Python3_INCLUDE_DIRS OR NOT Python3_SOABI)
      find_package(Python3 REQUIRED COMPONENTS Interpreter Development.Module)
    endif()
    set(${include_var} "${Python3_INCLUDE_DIRS}" PARENT_SCOPE)
    set(${suffix_var} ".${Python3_SOABI}${CMAKE_SHARED_MODULE_SUFFIX}" PARENT_SCOPE)
  endif()
endfunction()

function(ffigen_add_module target cdef)
  cmake_parse_arguments(PARSE_ARGV 2 arg "NO_LIMITED_API"
    "SOURCE;MODULE_NAME;RUNTIME;OUTPUT_DIRECTORY"
    "INCLUDE_DIRS;DEFINES;LIBRARIES;LINK_DIRECTORIES;SOURCES;INCLUDES")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "ffigen_add_module(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  get_property(languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  if(NOT "C" IN_LIST languages)
    message(FATAL_ERROR "ffigen_add_module(${target}): the project must enable C (project(... LANGUAGES C))")
  endif()
  set(name "${target}")
  if(arg_MODULE_NAME)
    set(name "${arg_MODULE_NAME}")
  endif()
  string(REGEX REPLACE "^.*\\." "" leaf "${name}")
  get_filename_component(cdef "${cdef}" ABSOLUTE)
  set(c_file "${CMAKE_CURRENT_BINARY_DIR}/ffigen/${target}/${leaf}.c")
  file(MAKE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/ffigen/${target}")

  _ffigen_python_facts(python_include ext_suffix)
  if(ext_suffix MATCHES "^\\.pypy")
    # PyPy imports only its EXT_SUFFIX, and its built-in backend loads the
    # module (_cffi_pypyinit_<name>): no limited API, no other runtime.
    if(arg_RUNTIME AND NOT arg_RUNTIME STREQUAL "_cffi_backend")
      message(FATAL_ERROR "ffigen_add_module(${target}): RUNTIME ${arg_RUNTIME}: PyPy loads the module "
        "with its built-in _cffi_backend, not another runtime")
    endif()
    set(arg_NO_LIMITED_API ON)
  endif()

  set(args "${cdef}" -o "${c_file}" --module "${name}")
  set(depends "${cdef}")
  set(include_dirs "")
  if(arg_SOURCE)
    get_filename_component(preamble "${arg_SOURCE}" ABSOLUTE)
    list(APPEND args --source "${preamble}")
    list(APPEND depends "${preamble}")
    # The preamble is pasted into the generated C: its quoted includes are
    # looked up beside it, as if it were #included.
    get_filename_component(preamble_dir "${preamble}" DIRECTORY)
    list(APPEND include_dirs "${preamble_dir}")
  endif()
  if(arg_RUNTIME)
    list(APPEND args --runtime "${arg_RUNTIME}")
  endif()
  if(arg_NO_LIMITED_API)
    list(APPEND args --no-limited-api)
  endif()
  foreach(include IN LISTS arg_INCLUDES)
    string(REGEX MATCH "^([A-Za-z_][A-Za-z0-9_.]*=)?(.*)$" unused "${include}")
    get_filename_component(included "${CMAKE_MATCH_2}" ABSOLUTE)
    list(APPEND args --include "${CMAKE_MATCH_1}${included}")
    list(APPEND depends "${included}")
  endforeach()

  # ffigen leaves an unchanged output untouched; the touch makes the C newer
  # than its inputs, or Make would run the generator again at every build.
  add_custom_command(OUTPUT "${c_file}"
    COMMAND ffigen::ffigen generate ${args}
    COMMAND "${CMAKE_COMMAND}" -E touch_nocreate "${c_file}"
    DEPENDS ${depends} ffigen::ffigen
    COMMENT "ffigen: generating ${name} from ${cdef}"
    VERBATIM)

  set(suffix "${ext_suffix}")
  if(NOT arg_NO_LIMITED_API)
    # As `ffigen build` and setuptools name py_limited_api extensions.
    string(REGEX MATCH "\\.[^.]*$" last_extension "${ext_suffix}")
    set(suffix ".abi3${last_extension}")
  endif()

  add_library(${target} MODULE "${c_file}" ${arg_SOURCES})
  target_include_directories(${target} PRIVATE ${include_dirs} ${arg_INCLUDE_DIRS} "${python_include}")
  target_compile_definitions(${target} PRIVATE ${arg_DEFINES})
  target_link_directories(${target} PRIVATE ${arg_LINK_DIRECTORIES})
  target_link_libraries(${target} PRIVATE ${arg_LIBRARIES})
  set_target_properties(${target} PROPERTIES PREFIX "" OUTPUT_NAME "${leaf}" SUFFIX "${suffix}"
    C_VISIBILITY_PRESET hidden POSITION_INDEPENDENT_CODE ON)
  if(arg_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${arg_OUTPUT_DIRECTORY}")
  endif()
endfunction()
