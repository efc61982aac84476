#!/usr/bin/python3
"""The C side of mediakit, derived from its cdef, for the build test.

    mediakit_c_side.py mediakit.cdef OUT_DIR

Writes OUT_DIR/mediakit.h, what a real mediakit header would declare: the
cdef with each of its `...` forms given a definite C meaning, which ffigen
must take from the C compiler (a `#define X ...` gets a value; a partial
struct gets a field the cdef does not list, so its size differs from the
fields declared; a partial enum loses its `...`; `typedef int...` and
`typedef float...` become unsigned short and double; `typedef ...` a
struct), and OUT_DIR/mediakit_stubs.c,
one symbol per function and global so that the module links and imports
(nothing calls them: the test checks the module, not the library).
"""
import os
import re
import sys

cdef_path, out = sys.argv[1], sys.argv[2]
cdef = open(cdef_path).read()

header = re.sub(r"(#define\s+(\w+)\s+)\.\.\.", lambda m: m.group(1) + "(4000 + %d)" % len(m.group(2)), cdef)
header = re.sub(r"\n(\s*)\.\.\.;", r"\n\1long long mk_hidden_field_;", header)
header = re.sub(r",\s*\.\.\.\s*}", " }", header)
header = re.sub(r"\[\.\.\.\]", "[8]", header)
# extern "Python" functions are the module's own (ffigen writes them).
header = re.sub(r'^extern "Python[^"]*" [^;]*;\n', "", header, flags=re.M)
header = re.sub(r"typedef \.\.\. (\w+);", r"typedef struct \1_impl { int opaque_; } \1;", header)
header = re.sub(r"typedef int\.\.\. (\w+);", r"typedef unsigned short \1;", header)
header = re.sub(r"typedef float\.\.\. (\w+);", r"typedef double \1;", header)
if "..." in header.replace(", ...)", ""):
    sys.exit("mediakit_c_side.py: a '...' form this script does not know")

# A top-level declaration whose name is followed by '(' is a function
# (also `void (*mk_f(args))(...)`, a function returning a function pointer).
functions = re.findall(r"^(?!typedef|extern|#|\s)[^;{}()]*?(?:\(\s*\*\s*)?\b(mk_\w+)\s*\(", cdef, re.M)
variables = re.findall(r"^extern\b[^;()]*?\b(mk_\w+)\s*(?:\[[^\]]*\])?\s*;", cdef, re.M)
if len(functions) < 300 or len(variables) < 10:
    sys.exit("mediakit_c_side.py: found %d functions and %d globals, fewer than the cdef has"
             % (len(functions), len(variables)))

with open(os.path.join(out, "mediakit.h"), "w") as f:
    f.write("/* derived from %s by mediakit_c_side.py */\n#include <stddef.h>\n#include <stdint.h>\n"
            % os.path.basename(cdef_path))
    f.write(header)
with open(os.path.join(out, "mediakit_stubs.c"), "w") as f:
    f.write("/* symbols only: this file does not see mediakit.h's types */\n")
    for name in sorted(set(functions)):
        f.write("void %s(void) {}\n" % name)
    for name in sorted(set(variables)):
        f.write("_Alignas(16) char %s[4096];\n" % name)  # room for any of the cdef's globals
print("mediakit: %d functions, %d globals" % (len(set(functions)), len(set(variables))))
