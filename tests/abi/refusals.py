#!/usr/bin/env python3
"""What `ffigen generate --abi` refuses, against what stock CFFI does.

    refusals.py FFIGEN WORK_DIR

Each cdef must fail with exit status 1, a file:line:col error saying why,
and no output file; CFFI's emit_python_code must raise the class listed
(or, for the cases where ffigen is stricter, accept it), so that the
comparison the man page states stays true. --abi with --source,
--include or --no-limited-api is a usage error (2).
"""
import os
import subprocess
import sys
import warnings

import cffi

CASES = [  # name, cdef, ffigen's reason (a part), CFFI at emit: exception class name or None (accepts)
    ("define_dots", "#define X ...", "cannot use the syntax '...' in '#define X ...'", "VerificationError"),
    ("global_dots", "extern int n[...];", "'[...]' array length", "VerificationError"),
    ("field_dots", "struct t { int a[...]; };", "'[...]' array length", "VerificationError"),
    ("typedef_dots", "typedef int arr_t[...];", "'[...]' array length", "VerificationError"),
    ("enum_dots", "enum e { A, B, ... };", "enum 'e' has '...'", "VerificationMissing"),
    ("int_dots", "typedef int... foo_t;", "typedef 'foo_t' is 'int...'", "VerificationError"),
    ("float_dots", "typedef float... bar_t;", "typedef 'bar_t' is 'float...'", "VerificationError"),
    ("extern_python", 'extern "Python" int cb(int);', "cannot use 'extern \"Python\"' in the ABI mode",
     "VerificationError"),
    # CFFI writes these and then lays the struct out as if '...' were not there.
    ("partial_struct", "struct s { int a; ...; };", "struct 's' has '...'", None),
    ("pack_2", "struct p { char c; int i; };", "is packed to 2", "NotImplementedError"),
]
PACK = {"pack_2": 2}  # cases given to ffigen with --pack N and to CFFI with cdef(pack=N)


def cffi_outcome(cdef, work, pack):
    ffi = cffi.FFI()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ffi.cdef(cdef, pack=pack)
            ffi.set_source("_cffi_refused", None)
            ffi.emit_python_code(os.path.join(work, "_cffi_refused.py"))
    except Exception as e:
        return type(e).__name__
    return None


def main():
    ffigen, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    failures = 0
    for name, cdef, reason, cffi_does in CASES:
        path = os.path.join(work, name + ".cdef")
        out = os.path.join(work, "_" + name + ".py")
        with open(path, "w") as f:
            f.write(cdef + "\n")
        if os.path.exists(out):
            os.remove(out)
        pack = PACK.get(name)
        options = ["--pack", str(pack)] if pack else []
        r = subprocess.run([ffigen, "generate", "--abi", path, "-o", out] + options, capture_output=True, text=True)
        ok = r.returncode == 1 and reason in r.stderr and (path + ":1:") in r.stderr and not os.path.exists(out)
        got_cffi = cffi_outcome(cdef, work, pack)
        ok = ok and got_cffi == cffi_does
        print("%s: %s (ffigen %d: %s; CFFI: %s)" % ("ok" if ok else "FAIL", name, r.returncode,
                                                  r.stderr.strip().splitlines()[0] if r.stderr else "", got_cffi))
        failures += not ok
    cdef = os.path.join(work, "define_dots.cdef")
    for extra in (["--source", cdef], ["--include", cdef], ["--no-limited-api"]):
        r = subprocess.run([ffigen, "generate", "--abi", cdef, "-o", os.path.join(work, "_x.py")] + extra,
                           capture_output=True, text=True)
        ok = r.returncode == 2
        print("%s: --abi %s is a usage error (%d)" % ("ok" if ok else "FAIL", extra[0], r.returncode))
        failures += not ok
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
