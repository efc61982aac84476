// Fixed C text pasted into every generated module (see support.cpp), and
// the ABI header, embedded at build time from runtime/ffigen_abi.h.
#pragma once

namespace ffigen::codegen {

extern const char* const kModuleSupport;
extern const char* const kAbiHeader;  // generated: abi_header.cpp in the build tree

}  // namespace ffigen::codegen
