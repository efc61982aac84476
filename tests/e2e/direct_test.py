def test_calls_and_direct_addresses_of_what_is_no_plain_function(mod):
    ffi, lib = mod.ffi, mod.lib
    assert lib.maybe_missing(21) == 42
    assert ffi.addressof(lib, "maybe_missing")(4) == 8
    assert lib.sin(0.0) == 0.0
    assert ffi.addressof(lib, "sin")(0.0) == 0.0

