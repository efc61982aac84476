# Fields and globals whose cdef types differ from C's only in qualifiers
# work as CFFI's do: ctypes carry no qualifiers.


def test_fields_read_and_write(mod):
    ffi, lib = mod.ffi, mod.lib
    data = ffi.new("unsigned char[]", b"\x01\x02\x03")
    s = ffi.new("struct stream *", {"next_in": data, "avail_in": 3})
    assert lib.sum_input(s) == 6
    names = [ffi.new("char[]", b"a"), ffi.new("char[]", b"b"), ffi.NULL]
    keep = ffi.new("char *[]", names)
    s.names = keep
    assert lib.count_names(s) == 2
    assert ffi.string(s.names[1]) == b"b"
    s.weights = [1, 2, 3]
    assert lib.weight_total(s) == 6


def test_field_types_carry_no_qualifiers(mod):
    ffi = mod.ffi
    fields = dict(ffi.typeof("struct stream").fields)
    assert fields["next_in"].type is ffi.typeof("unsigned char *")
    assert fields["names"].type is ffi.typeof("char **")
    assert fields["scratch"].type is ffi.typeof("void *")
    assert fields["weights"].type is ffi.typeof("int[3]")


def test_global(mod):
    lib = mod.lib
    lib.ticks = 41
    lib.ticks += 1
    assert lib.ticks == 42
