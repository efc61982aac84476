def test_a_macro_is_callable_like_a_function(mod):
    assert mod.lib.twice(21) == 42


def test_direct_addresses_of_macros_and_functions(mod):
    ffi, lib = mod.ffi, mod.lib
    p = ffi.addressof(lib, "twice")
    assert ffi.typeof(p) is ffi.typeof("int(*)(int)")
    assert p(4) == 8
    assert ffi.addressof(lib, "half")(3.0) == 1.5
