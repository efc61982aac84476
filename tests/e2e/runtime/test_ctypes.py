"""ffi.typeof: every kind of ctype, its attributes, caching and names."""
import pytest

PRIMITIVES = [
    "char", "signed char", "unsigned char", "short", "unsigned short", "int", "unsigned int",
    "long", "unsigned long", "long long", "unsigned long long", "float", "double", "long double",
    "_Bool", "wchar_t", "char16_t", "char32_t", "int8_t", "uint8_t", "int16_t", "uint16_t",
    "int32_t", "uint32_t", "int64_t", "uint64_t", "intptr_t", "uintptr_t", "ptrdiff_t", "size_t",
    "ssize_t", "intmax_t", "uintmax_t", "int_least8_t", "uint_fast64_t",
]
SIZES = {"char": 1, "short": 2, "int": 4, "long": 8, "long long": 8, "float": 4, "double": 8,
         "_Bool": 1, "wchar_t": 4, "char16_t": 2, "char32_t": 4, "int8_t": 1, "uint64_t": 8, "size_t": 8}


@pytest.mark.parametrize("name", PRIMITIVES)
def test_primitive(main, name):
    ffi, lib = main
    t = ffi.typeof(name)
    assert t.kind == "primitive"
    assert t.cname == name
    assert repr(t) == "<ctype '%s'>" % name
    assert t is ffi.typeof(name)
    if name in SIZES:
        assert ffi.sizeof(name) == SIZES[name]


@pytest.mark.parametrize("spelling, cname", [
    ("unsigned", "unsigned int"), ("long int", "long"), ("short int", "short"),
    ("signed", "int"), ("long long int", "long long"), ("const char *", "char *"),
    ("int const * volatile", "int *"), ("unsigned long long int", "unsigned long long"),
])
def test_spellings(main, spelling, cname):
    ffi, lib = main
    assert ffi.typeof(spelling) is ffi.typeof(cname)


def test_void(main):
    ffi, lib = main
    assert ffi.typeof("void").kind == "void"


def test_pointer_and_array_names(main):
    ffi, lib = main
    assert repr(ffi.typeof("int**")) == "<ctype 'int * *'>"
    assert repr(ffi.typeof("int*[4]")) == "<ctype 'int *[4]'>"
    assert repr(ffi.typeof("int(*)[4]")) == "<ctype 'int(*)[4]'>"
    assert repr(ffi.typeof("int[2][3]")) == "<ctype 'int[2][3]'>"
    assert repr(ffi.typeof("int(*(*)(int))[3]")) == "<ctype 'int(*(*)(int))[3]'>"
    assert repr(ffi.typeof("struct point *[4]")) == "<ctype 'struct point *[4]'>"


def test_pointer_attributes(main):
    ffi, lib = main
    t = ffi.typeof("int *")
    assert t.kind == "pointer" and t.item is ffi.typeof("int")
    assert ffi.typeof("int * *").item is t


def test_array_attributes(main):
    ffi, lib = main
    t = ffi.typeof("int[5]")
    assert t.kind == "array" and t.length == 5 and t.item is ffi.typeof("int")
    o = ffi.typeof("int[]")
    assert o.length is None and o.item is ffi.typeof("int")
    assert ffi.typeof("int[2][3]").item is ffi.typeof("int[3]")


def test_struct_fields(main):
    ffi, lib = main
    t = ffi.typeof("struct point")
    assert t.kind == "struct" and t.cname == "struct point"
    names = [n for n, f in t.fields]
    assert names == ["x", "y"]
    x, y = [f for n, f in t.fields]
    assert (x.offset, y.offset) == (0, 4)
    assert x.type is ffi.typeof("int")
    assert x.bitsize == -1
    r = ffi.typeof("struct rect")
    assert [f.offset for n, f in r.fields] == [0, 8, 16]


def test_union_and_anonymous_member(main):
    ffi, lib = main
    u = ffi.typeof("union num")
    assert u.kind == "union" and ffi.sizeof(u) == 4
    assert all(f.offset == 0 for n, f in u.fields)
    a = ffi.typeof("struct with_anon")
    names = [n for n, f in a.fields]
    assert "tag" in names and ffi.sizeof("struct with_anon") == 16


def test_bitfields(main):
    ffi, lib = main
    t = ffi.typeof("struct bits")
    fields = dict(t.fields)
    assert (fields["a"].bitshift, fields["a"].bitsize) == (0, 3)
    assert (fields["b"].bitshift, fields["b"].bitsize) == (3, 5)
    assert (fields["c"].bitshift, fields["c"].bitsize) == (8, 1)
    assert ffi.sizeof(t) == 4


def test_opaque_and_partial(main):
    ffi, lib = main
    t = ffi.typeof("struct node")
    assert t.kind == "struct" and t.fields is None
    assert ffi.typeof("struct node *").item is t
    assert ffi.sizeof("partial_t") == 16  # the C compiler's size, hidden field included
    assert ffi.offsetof("partial_t", "c") == 8


def test_enum(main):
    ffi, lib = main
    t = ffi.typeof("enum color")
    assert t.kind == "enum" and t.cname == "enum color"
    assert t.elements == {0: "RED", 5: "GREEN", 6: "BLUE"}
    assert t.relements == {"RED": 0, "GREEN": 5, "BLUE": 6}
    assert ffi.typeof("size_e").relements == {"SMALL": -1, "LARGE": 1000}


def test_function_pointer(main):
    ffi, lib = main
    t = ffi.typeof("int(*)(int, char *)")
    assert t.kind == "function"
    assert t.args == (ffi.typeof("int"), ffi.typeof("char *"))
    assert t.result is ffi.typeof("int")
    assert t.ellipsis is False
    assert ffi.typeof("int(*)(int, ...)").ellipsis is True
    assert ffi.typeof("binop_t") is ffi.typeof("int(*)(int, int)")
    assert ffi.typeof("void(*)(void)").args == ()
    assert ffi.typeof("int(*)(int[3])").args == (ffi.typeof("int *"),)


def test_function_ctype_names(main):
    ffi, lib = main
    for spelling, name in (("int(*)(void)", "int(*)()"), ("int(*)()", "int(*)()"), ("int(*)(int, ...)", "int(*)(int, ...)"),
                           ("int(*)(...)", "int(*)(...)"), ("int(*[3])(char *, double)", "int(*[3])(char *, double)"),
                           ("void(*(*)(int))(long)", "void(*(*)(int))(long)"), ("binop_t", "int(*)(int, int)")):
        assert ffi.typeof(spelling).cname == name
    assert ffi.typeof(lib.get_adder).cname == "int(*(*)())(int, int)"


def test_kind_specific_attributes(main):
    ffi, lib = main
    expected = {
        "int": [], "int *": ["item"], "int[3]": ["item", "length"], "struct point": ["fields"],
        "enum color": ["elements", "relements"], "int(*)(int)": ["abi", "args", "ellipsis", "result"],
    }
    every = {"item", "length", "fields", "args", "result", "ellipsis", "abi", "elements", "relements"}
    for spelling, attrs in expected.items():
        t = ffi.typeof(spelling)
        assert sorted(dir(t)) == sorted(["cname", "kind"] + attrs)
        for name in every - set(attrs):
            with pytest.raises(AttributeError, match=name):
                getattr(t, name)
    assert ffi.typeof("int[]").length is None and ffi.typeof("int[3]").length == 3
    (name, field), = ffi.typeof("struct point").fields[:1]
    assert (name, field.type, field.offset, field.bitshift, field.bitsize, field.flags) == ("x", ffi.typeof("int"), 0, -1, -1, 0)


def test_typedefs_resolve_to_the_same_object(main):
    ffi, lib = main
    assert ffi.typeof("point_t") is ffi.typeof("struct point")
    assert ffi.typeof("point_t *") is ffi.typeof("struct point *")


def test_typeof_cdata(main):
    ffi, lib = main
    p = ffi.new("struct point *")
    assert ffi.typeof(p) is ffi.typeof("struct point *")
    assert ffi.typeof(p[0]) is ffi.typeof("struct point")


def test_wrong_attribute_for_kind(main):
    ffi, lib = main
    with pytest.raises(AttributeError):
        ffi.typeof("int").item
    with pytest.raises(AttributeError):
        ffi.typeof("int *").fields


@pytest.mark.parametrize("text, column", [
    ("int (*x", 7), ("struct nope", 7), ("undefined_t", 0), ("int[-1]", 4), ("int )", 4),
])
def test_parse_errors_name_the_column(main, text, column):
    ffi, lib = main
    with pytest.raises(ffi.error) as e:
        ffi.typeof(text)
    lines = str(e.value).split("\n")
    assert lines[1] == text
    assert lines[2] == " " * column + "^"


def test_bare_function_type_is_refused(main):
    ffi, lib = main
    with pytest.raises(ffi.error):
        ffi.typeof("int(int)")


def test_list_types(main):
    ffi, lib = main
    typedefs, structs, unions = ffi.list_types()
    assert "point_t" in typedefs and "binop_t" in typedefs
    assert "point" in structs and "rect" in structs
    assert unions == ["num"]


def test_pointers_to_function_pointers(main):
    ffi, lib = main
    pp = ffi.typeof("binop_t *")
    assert pp.kind == "pointer" and pp.item is ffi.typeof("binop_t")
    assert pp is ffi.typeof("int(**)(int, int)")
    assert repr(pp) == "<ctype 'int(* *)(int, int)'>"
    assert ffi.typeof("binop_t[2]").item is ffi.typeof("binop_t")
    p = ffi.addressof(lib, "adder_ptr")
    assert ffi.typeof(p) is pp and p[0](1, 1) == 2


def test_typedef_of_a_function_type(main):
    ffi, lib = main
    assert ffi.typeof("unop_fn *") is ffi.typeof("int(*)(int)")
    assert ffi.typeof(lib.apply1).args[0] is ffi.typeof("int(*)(int)")
    with pytest.raises(ffi.error):
        ffi.typeof("unop_fn")
