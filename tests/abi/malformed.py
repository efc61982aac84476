#!/usr/bin/env python3
"""FFI(...) given malformed ABI-mode tables (a .py file is easy to edit)
raises, never crashes: each case runs in its own interpreter, which must
exit normally after an exception from FFI(), or from the first use of what
the bad entry describes.

    malformed.py RUNTIME_DIR
"""
import os
import subprocess
import sys

CASES = {  # name: FFI keyword arguments (as Python source), then what to use
    "types not bytes": ("_types=[1]", "None"),
    "types not words": ("_types=b'\\x00\\x00\\x07'", "None"),
    "global row short": ("_types=b'\\x00\\x00\\x07\\x01', _globals=(b'\\x00', 0)", "None"),
    "globals odd": ("_types=b'\\x00\\x00\\x07\\x01', _globals=(b'\\x00\\x00\\x00\\x21x',)", "None"),
    "global type outside": ("_types=b'\\x00\\x00\\x07\\x01', _globals=(b'\\x00\\x00\\x10\\x21x', 0)",
                            "ffi.dlopen(None).x"),
    "constant not int": ("_globals=(b'\\xff\\xff\\xff\\x1fX', 'a')", "None"),
    "constant too big": ("_globals=(b'\\xff\\xff\\xff\\x1fX', 1 << 64)", "None"),
    "struct number outside": ("_types=b'\\x00\\x00\\x05\\x09', _typenames=(b'\\x00\\x00\\x00\\x00t',)",
                              "ffi.typeof('t')"),
    "enum number outside": ("_types=b'\\x00\\x00\\x05\\x0b', _typenames=(b'\\x00\\x00\\x00\\x00t',)",
                            "ffi.typeof('t')"),
    "enum row entry outside": ("_types=b'\\x00\\x00\\x00\\x0b', _enums=(b'\\x00\\x00\\x00\\x07\\x00\\x00\\x00\\x15e\\x00A',)",
                               "ffi.typeof('enum e')"),
    "struct row entry not its own": ("_types=b'\\x00\\x00\\x07\\x01', "
                                     "_struct_unions=((b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02s',),)",
                                     "ffi.typeof('struct s')"),
    "field type outside": ("_types=b'\\x00\\x00\\x00\\x09', "
                           "_struct_unions=((b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02s', b'\\x00\\x00\\x33\\x11a'),)",
                           "ffi.typeof('struct s')"),
    "array without length": ("_types=b'\\x00\\x00\\x01\\x05\\x00\\x00\\x07\\x01'[:4], "
                             "_typenames=(b'\\x00\\x00\\x00\\x00t',)", "ffi.typeof('t')"),
    "function without end": ("_types=b'\\x00\\x00\\x01\\x0d\\x00\\x00\\x07\\x01', "
                             "_globals=(b'\\x00\\x00\\x00\\x23f', 0)", "ffi.dlopen(None).f"),
    "bad primitive": ("_types=b'\\x00\\x00\\x99\\x01', _typenames=(b'\\x00\\x00\\x00\\x00t',)", "ffi.typeof('t')"),
    "enum row no list": ("_types=b'\\x00\\x00\\x00\\x0b', _enums=(b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x15e',)",
                         "None"),
    "version unknown": ("_version=0x1234", "None"),
}

PROGRAM = """
import _ffigen_runtime as b
try:
    kwargs = dict(_version=0x2601)
    kwargs.update(dict({kwargs}))
    ffi = b.FFI('m', **kwargs)
    {use}
except Exception as e:
    print(type(e).__name__, e)
else:
    print('no error')
"""


def main():
    env = dict(os.environ, PYTHONPATH=os.path.abspath(sys.argv[1]))
    failures = 0
    for name, (kwargs, use) in CASES.items():
        program = PROGRAM.format(kwargs=kwargs, use=use)
        r = subprocess.run(["/usr/bin/python3", "-c", program], env=env, capture_output=True, text=True)
        ok = r.returncode == 0 and not r.stdout.startswith("no error")
        print("%s: %s: %s" % ("ok" if ok else "FAIL", name, (r.stdout + r.stderr).strip().splitlines()[:1]))
        failures += not ok
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
