# A correct user of the typed module: `mypy --strict` finds nothing, and it
# runs (check_mypy.py runs it on both runtimes).
import sys

from _typed import ffi, lib

assert lib.add(1, 2) == 3 and lib.widen(-3) == 3
assert lib.half(3) == 1.5 and lib.halff(1.0) == 0.5
flipped: bool = lib.negate(True) or lib.negate(0)
assert flipped
letter: bytes = lib.first(b"abc") + lib.first(ffi.new("char[]", b"x")) + lib.first([b"y", b"\0"])
assert letter == b"axy"
wide: str = lib.wide_first("abc") + lib.same16("d") + lib.same32("e")
assert wide == "ade"
assert lib.sum([1, 2, 3], 3) + lib.sum((4,), 1) + lib.sum(ffi.new("int[]", [5]), 1) == 15
assert lib.sum_bytes(b"\x01\x02", 2) + lib.sum_bytes([3], 1) == 6
precise = lib.widen_ld(1.5)
assert float(lib.widen_ld(precise)) == 1.5
assert lib.conjugate(1 + 2j) == 1 - 2j and lib.conjugate(2) == 2
point = lib.make_point(3, 4)
assert point.x == 3 and lib.point_x(point) == 3
assert lib.point_x([5, 6]) + lib.point_x({"x": 7}) + lib.point_x((8, 9)) == 20
assert lib.point_y(ffi.addressof(point)) + lib.point_y([[1, 2]]) == 6
assert lib.is_set(b"x") + lib.is_set(ffi.new("int *")) == 2 and lib.is_set(ffi.NULL) == 0
assert lib.opaque_id(ffi.NULL) == -1
assert lib.next_color(lib.RED) == lib.GREEN
assert lib.sum_ints(2, ffi.cast("int", 1), ffi.cast("int", 2)) == 3
lib.nothing()
assert lib.fileno_of(sys.stdout) >= 0  # a duplicate of its descriptor
assert ffi.string(lib.greeting()) == b"hello"
assert lib.apply(lib.get_op(), 4) == 8
assert lib.first_of([[9, 0]]) == 9 and lib.pick(1, 2, 3) == 2
assert lib.count_true(b"\x01\x00\x01", 3) + lib.count_true([True, 1], 2) == 4

# globals, constants, enumerators
lib.counter = lib.counter + 1
lib.counter += 1
assert lib.counter == 3
table = lib.table
table[0] = 10
assert list(lib.table) == [10, 2, 3]
assert lib.origin.x == 0
assert ffi.string(lib.message) == b"message"
was_enabled: bool = lib.enabled
lib.enabled = False
assert was_enabled and not lib.enabled
assert lib.ANSWER == 42 and lib.FROM_C == 7 and lib.FLAG_A | lib.FLAG_B == 3
assert abs(lib.PI - 3.14159) < 1e-9 and ffi.string(lib.NAME).decode() == "typed" and lib.LETTER == b"L"
assert getattr(lib, "lambda")(1) == 1 and getattr(lib, "str") == 3 and getattr(lib, "__call__")(2) == 2


# extern "Python" and callbacks
@ffi.def_extern()
def on_event(value: int) -> int:
    return value + 1


assert lib.apply(lib.on_event, 1) == 2
assert lib.apply(ffi.callback("int(int)", lambda v: v * 3), 2) == 6


@ffi.callback("int(int)", error=-1)
def negate_int(value: int) -> int:
    return -value


assert lib.apply(negate_int, 5) == -5

# the rest of ffi
numbers = ffi.new("int[4]", [1, 2, 3, 4])
raw: bytes = ffi.buffer(numbers)[:]
assert len(raw) == 16 and ffi.unpack(numbers, 2) == [1, 2]
ctype = ffi.typeof("struct point")
assert ctype.kind == "struct" and ctype.cname == "struct point"
assert ffi.sizeof("int") + ffi.sizeof(point) + ffi.alignof("int") == 16
assert ffi.offsetof("struct point", "y") == 4 and ffi.getctype("int", "*") == "int *"
assert ffi.integer_const("ANSWER") == 42
handle = ffi.new_handle(table)
assert ffi.from_handle(handle) is table
collected = ffi.gc(ffi.new("int *"), lambda p: None)
ffi.release(collected)
target = ffi.new("char[4]")
ffi.memmove(target, b"ab", 2)
view = ffi.from_buffer(bytearray(8))
ints = ffi.from_buffer("int[]", bytearray(8), require_writable=True)
assert len(view) == 8 and len(ints) == 2
ffi.errno = 0
assert ffi.errno == 0
assert ffi.addressof(lib, "counter")[0] == 3
assert isinstance(point, ffi.CData) and isinstance(ctype, ffi.CType)
assert ffi.init_once(lambda: 5, "tag") == 5
allocate = ffi.new_allocator(should_clear_after_alloc=False)
assert allocate("int[3]", [1, 2, 3])[2] == 3
assert "point" in ffi.list_types()[1]
with ffi.new("int *") as scratch:
    scratch[0] = 1
assert (numbers + 2) - numbers == 2 and ffi.cast("int", 7) is not None
try:
    ffi.new("struct opaque *")
except ffi.error:
    pass
except TypeError:
    pass
print(type(ffi).__module__)
