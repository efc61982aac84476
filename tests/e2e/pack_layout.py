#!/usr/bin/env python3
"""--pack N lays structs out as #pragma pack(N) does, for every N it takes.

    pack_layout.py FFIGEN WORK_DIR [RUNTIME_DIR]

For each N, a module whose preamble declares the structs under
`#pragma pack(N)` and whose cdef declares them (no `...`) is built with
`--pack N`; its ffi.sizeof/ffi.offsetof must equal the C compiler's (the
preamble reports them) and stock CFFI's `ffi.cdef(..., pack=N)`, and
bitfields (pack 1 only) must hold what C wrote, and type(ffi).__module__
must name the runtime in use. A cdef packed otherwise
than C must fail to build (exit 1), as must bitfields under pack N > 1
(no CFFI runtime lays them out), and an N neither gcc nor CFFI takes is a
usage error (exit 2) in every subcommand. Each module is imported on stock
_cffi_backend, and on _ffigen_runtime when RUNTIME_DIR is given.
"""
import json
import os
import subprocess
import sys

import cffi

PYTHON = "/usr/bin/python3"
RECORDS = {  # C type: fields
    "struct inner": "char c; short s;",
    "struct mixed": "char c; int i; short s; long long ll; double d; char tail;",
    "struct nested": "char c; struct inner in; int arr[3]; char c2; double d;",
    "union u": "char c; double d; int arr[3];",
}
BITS = {"struct bits": "char c; int x : 3; int y : 7; long long z; short w : 5;"}
BITS_FILL = "p->c = 1; p->x = -3; p->y = 45; p->z = -7; p->w = 9;"
BITS_VALUES = {"c": b"\x01", "x": -3, "y": 45, "z": -7, "w": 9}


def field_names(decl):
    return [f.split(":")[0].split()[-1].split("[")[0] for f in decl.split(";") if f.strip()]


def types_cdef(records):
    return "".join("%s { %s };\n" % kv for kv in records.items())


def sources(n):
    records = dict(RECORDS, **(BITS if n == 1 else {}))
    cdef = types_cdef(records) + "size_t c_sizeof(int i);\nsize_t c_offsetof(int i, int f);\n"
    rows = []
    for t, decl in records.items():
        offs = ["(size_t)-1" if ":" in part else "offsetof(%s, %s)" % (t, f)
                for f, part in zip(field_names(decl), [p for p in decl.split(";") if p.strip()])]
        rows.append("{ sizeof(%s), { %s } }" % (t, ", ".join(offs)))
    preamble = ("#include <stddef.h>\n#pragma pack(%d)\n%s#pragma pack()\n" % (n, types_cdef(records))
                + "static const struct { size_t size; size_t off[8]; } layout[] = {\n  "
                + ",\n  ".join(rows) + "\n};\n"
                + "static size_t c_sizeof(int i) { return layout[i].size; }\n"
                + "static size_t c_offsetof(int i, int f) { return layout[i].off[f]; }\n")
    if n == 1:
        cdef += "void c_fill_bits(struct bits *p);\n"
        preamble += "static void c_fill_bits(struct bits *p) { %s }\n" % BITS_FILL
    return records, cdef, preamble


# Run in the module's interpreter: [runtime, [[sizeof, C sizeof, [[offsetof, C offsetof]...]]...], bits]
PROBE = """
import json, sys, %(name)s as m
records = %(records)r
out = []
for i, (t, fs) in enumerate(records):
    c = [m.lib.c_offsetof(i, k) for k in range(len(fs))]
    out.append([m.ffi.sizeof(t), m.lib.c_sizeof(i),
                [[-1 if c[k] == 2**64 - 1 else m.ffi.offsetof(t, f), c[k]] for k, f in enumerate(fs)]])
bits = None
if hasattr(m.lib, "c_fill_bits"):
    p = m.ffi.new("struct bits *")
    m.lib.c_fill_bits(p)
    bits = {f: repr(getattr(p, f)) for f in %(bit_fields)r}
print(json.dumps([type(m.ffi).__module__, out, bits]))
"""


def check_module(work, name, n, records, runtime_dir, failures):
    stock = cffi.FFI()
    stock.cdef(types_cdef(records), pack=n)
    listed = [(t, field_names(d)) for t, d in records.items()]
    probe = PROBE % {"name": name, "records": listed, "bit_fields": list(BITS_VALUES)}
    for path in [work] + ([work + os.pathsep + runtime_dir] if runtime_dir else []):
        r = subprocess.run([PYTHON, "-c", probe], capture_output=True, text=True,
                           env=dict(os.environ, PYTHONPATH=path))
        if r.returncode != 0:
            failures.append("--pack %d: import failed: %s" % (n, r.stderr))
            continue
        runtime, rows, bits = json.loads(r.stdout)
        # The man page's way to see which runtime a module picked (RUNTIMES).
        if runtime != ("_cffi_backend" if path == work else "_ffigen_runtime"):
            failures.append("--pack %d: type(ffi).__module__ is %r on PYTHONPATH %s" % (n, runtime, path))
        for (t, fs), (size, c_size, offs) in zip(listed, rows):
            if not size == c_size == stock.sizeof(t):
                failures.append("--pack %d (%s): sizeof(%s) %d, C %d, CFFI %d"
                                % (n, runtime, t, size, c_size, stock.sizeof(t)))
            for f, (off, c_off) in zip(fs, offs):
                if off != -1 and not off == c_off == stock.offsetof(t, f):  # -1: a bitfield
                    failures.append("--pack %d (%s): offsetof(%s, %s) %d, C %d, CFFI %d"
                                    % (n, runtime, t, f, off, c_off, stock.offsetof(t, f)))
        if bits is not None and bits != {f: repr(v) for f, v in BITS_VALUES.items()}:
            failures.append("--pack %d (%s): bitfields read %r" % (n, runtime, bits))
        print("ok: --pack %d on %s" % (n, runtime))


def build(ffigen, work, name, cdef, preamble, *flags):
    with open(os.path.join(work, name + ".cdef"), "w") as f:
        f.write(cdef)
    with open(os.path.join(work, name + ".h"), "w") as f:
        f.write(preamble)
    return subprocess.run([ffigen, "build", name + ".cdef", "--source", name + ".h", "-o", name,
                           "--python", PYTHON, *flags], capture_output=True, text=True, cwd=work)


def main():
    ffigen, work = os.path.abspath(sys.argv[1]), os.path.join(sys.argv[2], "pack_layout")
    runtime_dir = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
    os.makedirs(work, exist_ok=True)
    failures = []
    for n in (1, 2, 4, 8, 16):
        records, cdef, preamble = sources(n)
        r = build(ffigen, work, "_packed%d" % n, cdef, preamble, "--pack", str(n))
        if r.returncode != 0:
            failures.append("--pack %d: build failed: %s" % (n, r.stderr))
        else:
            check_module(work, "_packed%d" % n, n, records, runtime_dir, failures)
    # A cdef packed otherwise than C fails the build at its static assertions.
    for n, c_pack in ((4, 2), (2, 8), (16, 4)):
        _, cdef, preamble = sources(c_pack)
        r = build(ffigen, work, "_wrong", cdef, preamble, "--pack", str(n))
        if r.returncode != 1 or "#pragma pack(%d)" % n not in r.stderr:
            failures.append("--pack %d against C's pack(%d): exit %d, %s" % (n, c_pack, r.returncode, r.stderr))
    # Bitfields under pack N > 1: no runtime can place them.
    packed_bits = "#pragma pack(2)\n" + types_cdef(BITS) + "#pragma pack()\n"
    for flags, cdef in ((["--pack", "2"], types_cdef(BITS)), ([], packed_bits)):
        r = build(ffigen, work, "_bits", cdef, packed_bits, *flags)
        if r.returncode != 1 or "bitfield 'x'" not in r.stderr:
            failures.append("bitfields under pack(2) (%s): exit %d, %s" % (flags, r.returncode, r.stderr))
    for bad in ("3", "32", "-1", "x"):
        for cmd in (["check"], ["generate", "-o", "x.c"], ["build", "-o", "x"]):
            r = subprocess.run([ffigen, cmd[0], "_packed1.cdef", "--pack", bad, *cmd[1:]],
                               capture_output=True, text=True, cwd=work)
            if r.returncode != 2 or "ffigen: error: --pack: '%s' is not 1, 2, 4, 8 or 16" % bad not in r.stderr:
                failures.append("%s --pack %s: exit %d, %s" % (cmd[0], bad, r.returncode, r.stderr))
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
