def test_packed_layout(mod, cffi_mod):
    ffi = mod.ffi
    assert ffi.sizeof("struct wire") == 7 == cffi_mod.ffi.sizeof("struct wire")
    assert ffi.offsetof("struct wire", "value") == 1
    assert ffi.offsetof("struct wire", "port") == 5


def test_packed_values_in_and_out(mod):
    ffi, lib = mod.ffi, mod.lib
    w = ffi.new("struct wire *", [b"t", 123456, 80])
    assert lib.wire_value(w) == 123456
    v = lib.make_wire(-9)
    assert (v.tag, v.value, v.port) == (b"w", -9, 80)
