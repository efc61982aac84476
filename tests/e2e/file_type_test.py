import os


def test_file_typename_and_python_files(mod):
    ffi, lib = mod.ffi, mod.lib
    assert ffi.typeof("FILE *") is ffi.typeof(lib.myfile)
    fdr, fdw = os.pipe()
    with os.fdopen(fdw, "wb", 256) as f:
        f.write(b"X")  # flushed by the cast, before C writes
        lib.myfile = ffi.cast("FILE *", f)
        assert lib.print_to_myfile(b"hello, %d!\n", 42) == len("hello, 42!\n")
        assert lib.put(f, b"bye") >= 0
    assert os.read(fdr, 256) == b"Xhello, 42!\nbye"
    os.close(fdr)
