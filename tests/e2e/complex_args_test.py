def test_complex_parameters_of_a_fresh_module(mod):
    assert mod.lib.abs_f(3 + 4j) == 5.0
    assert mod.lib.abs_d(complex(6, 8)) == 10.0
