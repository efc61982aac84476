"""Uses an ABI-mode module of lib.cdef against libabi.so; prints one JSON
object of what it saw (abi_e2e.py compares ffigen's module with CFFI's).

    use_lib.py MODULE LIBRARY
"""
import importlib
import json
import sys

mod = importlib.import_module(sys.argv[1])
ffi = mod.ffi
lib = ffi.dlopen(sys.argv[2])
seen = {}
seen["add"] = lib.add(2, 3)
p = lib.mkpoint(4, 5)
seen["mkpoint"] = [p.x, p.y]
seen["point_sum"] = lib.point_sum(ffi.new("struct point *", (20, 22))[0])
seen["origin"] = [lib.origin.x, lib.origin.y]
seen["addressof_counter"] = ffi.addressof(lib, "counter")[0]
seen["addressof_add"] = ffi.addressof(lib, "add")(1, 1)
seen["integer_const"] = ffi.integer_const("ANSWER")
seen["enum_repr"] = [repr(ffi.cast("enum color", 5)), ffi.string(ffi.cast("enum color", 6))]
m = ffi.new("struct m *", {"i": 5, "k": 7, "a": b"\x01", "b": b"\x02"})
seen["anonymous_members"] = [lib.m_sum(m), ffi.sizeof("struct m"), ffi.offsetof("struct m", "k"),
                             ffi.offsetof("struct m", "b"), [f[0] for f in ffi.typeof("struct m").fields]]
seen["sum_points"] = lib.sum_points(ffi.new("struct point[2]", [(1, 2), (3, 4)]), 2)
seen["apply"] = lib.apply(ffi.callback("cb_t", lambda a, b: a * b), 6, 7)
seen["sumv"] = lib.sumv(3, ffi.cast("int", 1), ffi.cast("int", 2), ffi.cast("int", 3))
seen["name"] = ffi.string(lib.name()).decode()
seen["counter"] = lib.counter
lib.counter = 11
seen["counter_written"] = lib.counter
seen["pi_value"] = lib.pi_value
seen["dvals"] = list(lib.dvals)
lib.dvals[1] = 9.5
seen["dvals_written"] = lib.dvals[1]
seen["constants"] = [lib.ANSWER, lib.BIG, lib.RED, lib.GREEN, lib.BLUE, lib.NEG, lib.POS]
seen["sizes"] = [ffi.sizeof(t) for t in ("struct point", "rec_t", "union u", "enum color", "sign_t", "cb_t")]
seen["offsets"] = [ffi.offsetof("rec_t", f) for f in ("a", "tag")]
r = ffi.new("rec_t *", {"a": 1.0, "tag": b"ab", "flag": 5})
seen["bitfield"] = r.flag
seen["enum_type"] = ffi.typeof("enum color").cname
seen["typeof_add"] = ffi.typeof(lib.add).cname
seen["dir"] = sorted(dir(lib))
seen["rtld"] = [ffi.RTLD_NOW, ffi.RTLD_GLOBAL]
try:
    ffi.new("struct opaque *")
except Exception as e:
    seen["opaque"] = type(e).__name__
try:
    lib.ANSWER = 1
except Exception as e:
    seen["write_constant"] = type(e).__name__
try:
    lib.no_such_name
except Exception as e:
    seen["unknown_name"] = type(e).__name__
try:
    lib.not_in_library
except Exception as e:
    seen["missing_symbol"] = type(e).__name__
try:
    ffi.dlopen("./no-such-library.so")
except Exception as e:
    seen["missing_library"] = type(e).__name__
seen["main_program"] = type(ffi.dlopen(None)).__name__
seen["backend"] = type(ffi).__module__
ffi.dlclose(lib)
try:
    lib.add
except Exception as e:
    seen["after_dlclose"] = type(e).__name__
seen["constant_after_dlclose"] = lib.ANSWER
ffi.dlclose(lib)  # again: allowed
seen["rtld_module"] = sys.modules[type(ffi).__module__].RTLD_NOW
print(json.dumps(seen, sort_keys=True))
