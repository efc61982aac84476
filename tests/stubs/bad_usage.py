# Wrong uses of the typed module: mypy must flag each line marked "error"
# and no other (check_mypy.py compares the line numbers).
from _typed import ffi, lib

lib.add(1, "2")  # error: wrong argument type
lib.add(1)  # error: too few arguments
lib.add(1, 2, 3)  # error: too many arguments
lib.add(a=1, b=2)  # error: C functions take no keywords
lib.no_such_function()  # error: no such attribute of lib
result = lib.nothing()  # error: a void function's result
lib.half("1.5")  # error: a str for a double
lib.first("abc")  # error: a str for a char *
lib.wide_first(b"abc")  # error: bytes for a wchar_t *
lib.sum([1.5], 1)  # error: a float item for an int *
lib.is_set(None)  # error: None is not a NULL pointer
lib.opaque_id(b"x")  # error: bytes for a pointer to an opaque struct
lib.sum_ints(2, 1, 2)  # error: the variadic part takes only cdata
lib.apply(lambda v: v, 1)  # error: a Python function for a function pointer
lib.fileno_of("stdout")  # error: a str for a FILE *
text: str = lib.add(1, 2)  # error: int result used as str
lib.ANSWER = 43  # error: a constant is read-only
lib.on_event = ffi.NULL  # error: an extern "Python" function is read-only
lib.counter = "x"  # error: a str into an int variable
lib.LETTER + 1  # error: a char constant is bytes
ffi.no_such_method()  # error: no such attribute of ffi
ffi.new(42)  # error: a C type is a str or a ctype
ffi.sizeof()  # error: too few arguments
