"""Runs one opgen program in a fresh namespace (ffi, lib, LOG) against the
module given, one op a line, and prints one JSON line per op as soon as it
is done: its result's normalised repr, or "!" + the exception's class name.
    worker.py MODULE_DIR MODULE PROGRAM_FILE
A crash leaves the lines printed so far: the driver reports the next op."""
import array
import importlib
import json
import re
import sys
import warnings

ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
BACKENDS = re.compile(r"_cffi_backend|_ffigen_runtime")


def normal(value, ffi):
    """A runtime-independent, address-free text for a result."""
    if isinstance(value, (list, tuple)):
        inner = ", ".join(normal(v, ffi) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    if type(value).__name__ == "buffer":  # not isinstance(ffi.buffer): opgen tests that
        return f"buffer {bytes(value)!r}"
    return BACKENDS.sub("BACKEND", ADDRESS.sub("0xADDR", repr(value)))


def run(ffi, lib, lines):
    ns = {"ffi": ffi, "lib": lib, "LOG": [], "array": array}
    for line in lines:
        try:
            try:
                code, is_expr = compile(line, "<op>", "eval"), True
            except SyntaxError:
                code, is_expr = compile(line, "<op>", "exec"), False
            result = eval(code, ns) if is_expr else exec(code, ns)
            if not is_expr and re.match(r"v\d+ = ", line):
                result = ns[line.split(" ", 1)[0]]
            out = normal(result, ffi)
        except Exception as e:  # the class is what must agree, not the words
            out = "!" + type(e).__name__
        print(json.dumps(out), flush=True)


def main():
    sys.path.insert(0, sys.argv[1])
    mod = importlib.import_module(sys.argv[2])
    with open(sys.argv[3]) as f:
        lines = f.read().splitlines()
    warnings.simplefilter("ignore")
    sys.stderr = open("/dev/null", "w")  # callbacks' tracebacks: not compared
    run(mod.ffi, mod.lib, lines)


if __name__ == "__main__":
    main()
