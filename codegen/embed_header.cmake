# cmake -DINPUT=header -DOUTPUT=file.cpp -P embed_header.cmake
# Writes the header's bytes as ffigen::codegen::kAbiHeader (a raw string).
file(READ ${INPUT} text)
string(FIND "${text}" ")ffigen_abi\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter")
endif()
file(WRITE ${OUTPUT}.tmp
  "// Generated from runtime/ffigen_abi.h by codegen/embed_header.cmake. Do not edit.\n"
  "#include \"codegen/support.hpp\"\n"
  "namespace ffigen::codegen {\n"
  "const char* const kAbiHeader = R\"ffigen_abi(${text})ffigen_abi\";\n"
  "}\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
