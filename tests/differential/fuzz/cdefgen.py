"""Random cdefs for the runtime fuzzer: enums, structs and unions (nested,
with arrays, pointers, bitfields, function pointers, anonymous members),
globals and a few functions whose C bodies go into the preamble. The cdef
and the preamble declare the same things, so both ffigen and stock CFFI
build it; the returned Model also tells opgen.py what there is to use."""
from dataclasses import dataclass, field

INTS = {  # C type -> (min, max)
    "char": None, "signed char": (-2**7, 2**7 - 1), "unsigned char": (0, 2**8 - 1),
    "short": (-2**15, 2**15 - 1), "unsigned short": (0, 2**16 - 1),
    "int": (-2**31, 2**31 - 1), "unsigned int": (0, 2**32 - 1),
    "long": (-2**63, 2**63 - 1), "unsigned long": (0, 2**64 - 1),
    "long long": (-2**63, 2**63 - 1), "unsigned long long": (0, 2**64 - 1),
    "int8_t": (-2**7, 2**7 - 1), "uint8_t": (0, 2**8 - 1), "int16_t": (-2**15, 2**15 - 1),
    "uint16_t": (0, 2**16 - 1), "int32_t": (-2**31, 2**31 - 1), "uint32_t": (0, 2**32 - 1),
    "int64_t": (-2**63, 2**63 - 1), "uint64_t": (0, 2**64 - 1), "size_t": (0, 2**64 - 1),
    "ssize_t": (-2**63, 2**63 - 1), "intptr_t": (-2**63, 2**63 - 1), "uintptr_t": (0, 2**64 - 1),
}
FLOATS = ["float", "double", "long double"]
OTHERS = ["_Bool", "wchar_t", "char16_t", "char32_t"]
PRIMITIVES = [t for t in INTS if INTS[t]] + ["char"] + FLOATS + OTHERS
ARRAY_ITEMS = [t for t in INTS if INTS[t]] + ["char", "float", "double", "_Bool", "wchar_t"]
BITFIELD_BASES = ["int", "unsigned int", "signed char", "unsigned char", "short", "unsigned short"]
CALLBACK_SIGS = [("int", ["int", "int"]), ("double", ["double", "int"]), ("void", ["int *"]),
                 ("unsigned char", ["unsigned char"]), ("long long", ["long long", "long long"])]


@dataclass
class Field:
    name: str
    ctype: str          # the field's type as ffi.typeof() spells it
    decl: str           # its declaration in the cdef
    bits: int = 0
    length: int = 0     # for arrays
    record: object = None  # the Record of a struct/union member


@dataclass
class Record:
    kind: str           # "struct" or "union"
    name: str
    fields: list = field(default_factory=list)
    varsize: bool = False  # ends with a flexible array member (not nested, not by value)

    @property
    def ctype(self):
        return f"{self.kind} {self.name}"


@dataclass
class Model:
    cdef: list = field(default_factory=list)
    preamble: list = field(default_factory=list)
    enums: dict = field(default_factory=dict)      # "enum e0" -> [(name, value)]
    records: list = field(default_factory=list)
    typedefs: dict = field(default_factory=dict)   # alias -> ctype
    globals: dict = field(default_factory=dict)    # name -> ctype
    functions: dict = field(default_factory=dict)  # name -> (result, [args])
    constants: dict = field(default_factory=dict)  # name -> value
    variadic: bool = False                         # declares vsum(int n, ...)

    def text(self):
        return "\n".join(self.cdef) + "\n", "\n".join(self.preamble) + "\n"


def _both(model, text):
    model.cdef.append(text)
    model.preamble.append(text)


def _enum(rng, model, i):
    value, items = rng.choice([0, -3, 1, 100]), []
    for j in range(rng.randint(1, 4)):
        if rng.random() < 0.3:
            value = rng.choice([-1, 0, 7, 255, 2**31 - 1, 2**32 + 5, -2**31])
        items.append((f"E{i}_{j}", value))
        value += 1
    if any(v > 2**31 - 1 or v < -2**31 for _, v in items) or len({v for _, v in items}) < len(items):
        items = [(n, k) for k, (n, _) in enumerate(items)]  # keep it portable C
    _both(model, f"enum e{i} {{ {', '.join(f'{n} = {v}' for n, v in items)} }};")
    model.enums[f"enum e{i}"] = items


def _member(rng, model, name, record_kind):
    """One random field of a record being built."""
    roll = rng.random()
    if roll < 0.12 and record_kind == "struct":
        base = rng.choice(BITFIELD_BASES)
        bits = rng.randint(1, 8 if "char" in base else 16)
        return Field(name, base, f"{base} {name} : {bits};", bits=bits)
    if roll < 0.25:
        base, n = rng.choice(ARRAY_ITEMS), rng.randint(1, 5)
        return Field(name, f"{base}[{n}]", f"{base} {name}[{n}];", length=n)
    if roll < 0.35:
        target = rng.choice(PRIMITIVES[:8] + ["char", "void"] + [r.ctype for r in model.records])
        return Field(name, f"{target} *", f"{target} *{name};")
    nestable = [r for r in model.records if not r.varsize]
    if roll < 0.45 and nestable:
        rec = rng.choice(nestable)
        return Field(name, rec.ctype, f"{rec.ctype} {name};", record=rec)
    if roll < 0.5 and model.enums:
        enum = rng.choice(list(model.enums))
        return Field(name, enum, f"{enum} {name};")
    if roll < 0.55:
        result, args = rng.choice(CALLBACK_SIGS)
        return Field(name, f"{result}(*)({', '.join(args)})", f"{result} (*{name})({', '.join(args)});")
    base = rng.choice(PRIMITIVES)
    return Field(name, base, f"{base} {name};")


def _record(rng, model, i):
    kind = "union" if rng.random() < 0.25 else "struct"
    rec = Record(kind, f"{kind[0]}{i}")
    lines = []
    for j in range(rng.randint(1, 5)):
        f = _member(rng, model, f"f{j}", kind)
        rec.fields.append(f)
        lines.append(f.decl)
    if rng.random() < 0.15:  # an anonymous member: its fields are rec's
        inner = [Field(f"a{j}", t, f"{t} a{j};") for j, t in enumerate(rng.sample(PRIMITIVES[:12], 2))]
        rec.fields += inner
        lines.append(f"{'union' if rng.random() < 0.5 else 'struct'} {{ {' '.join(f.decl for f in inner)} }};")
    if kind == "struct" and rng.random() < 0.2:
        item = rng.choice(ARRAY_ITEMS)
        rec.fields.append(Field("items", f"{item}[]", f"{item} items[];"))
        lines.append(rec.fields[-1].decl)
        rec.varsize = True
    _both(model, f"{rec.ctype} {{ {' '.join(lines)} }};")
    model.records.append(rec)
    if rng.random() < 0.3:
        _both(model, f"typedef {rec.ctype} {rec.name}_t;")
        model.typedefs[f"{rec.name}_t"] = rec.ctype


def _sum_fields(rec, expr):
    """C statements adding the scalar fields of `expr` (a record) into s."""
    out = []
    for f in rec.fields:
        access = f"{expr}.{f.name}"
        if f.record is not None:
            out += _sum_fields(f.record, access)
        elif f.length:
            if "long double" not in f.ctype:
                out.append(f"for (int i = 0; i < {f.length}; i++) s = s * 3 + (long long){access}[i];")
        elif "*" not in f.ctype and "long double" not in f.ctype and not f.ctype.endswith("[]"):
            out.append(f"s = s * 3 + (long long){access};")
    return out


def _functions(rng, model):
    for t in rng.sample(PRIMITIVES, 3):
        name = "id_" + t.replace(" ", "_")
        _declare(model, name, t, [t], f"{{ return x0; }}")
    for rec in rng.sample(model.records, min(2, len(model.records))):
        body = " ".join(_sum_fields(rec, "(*x0)"))
        _declare(model, f"sum_{rec.name}", "long long", [rec.ctype + " *"],
                 f"{{ long long s = 0; {body} return s; }}")
        if not rec.varsize and rng.random() < 0.6:
            body = " ".join(_sum_fields(rec, "x0"))
            _declare(model, f"byval_{rec.name}", "long long", [rec.ctype],
                     f"{{ long long s = 0; {body} return s; }}")
            _declare(model, f"make_{rec.name}", rec.ctype, ["int"],
                     f"{{ {rec.ctype} r; memset(&r, 0, sizeof r); memset(&r, x0, sizeof r / 2); return r; }}")
    for k, (result, args) in enumerate(CALLBACK_SIGS):
        if rng.random() < 0.6:
            fn = f"{result} (*x0)({', '.join(args)})"
            params = ", ".join(f"x{j + 1}" for j in range(len(args)))
            call = f"x0({params})"
            _declare(model, f"call{k}", result, [fn.replace("(*x0)", "(*)")] + args,
                     f"{{ {'return ' if result != 'void' else ''}{call}; }}", first=fn)


def _variadic(model):
    """vsum(n, ...): the sum of n ints passed in the variadic part."""
    model.variadic = True
    model.cdef.append("int vsum(int n, ...);")
    model.preamble.append("static int vsum(int n, ...) { va_list ap; int s = 0; va_start(ap, n);"
                          " while (n-- > 0) s += va_arg(ap, int); va_end(ap); return s; }")


def _declare(model, name, result, args, body, first=None):
    params = [f"{a} x{j}" for j, a in enumerate(args)]
    if first:
        params[0] = first
    proto = f"{result} {name}({', '.join(params) or 'void'})"
    model.cdef.append(proto + ";")
    model.preamble.append(f"static {proto} {body}")
    model.functions[name] = (result, args)


def _globals(rng, model):
    choices = PRIMITIVES[:10] + [r.ctype for r in model.records if not r.varsize] + list(model.enums) + ["int[4]", "char[8]"]
    for j in range(rng.randint(0, 3)):
        t = rng.choice(choices)
        decl = f"{t[:-3]} g{j}{t[-3:]}" if t.endswith("]") else f"{t} g{j}"
        model.cdef.append(f"extern {decl};")
        model.preamble.append(f"static {decl};")
        model.globals[f"g{j}"] = t
    for j in range(rng.randint(0, 2)):
        value = rng.choice([0, -1, 42, 2**31, 2**63 - 1])
        model.cdef.append(f"#define K{j} {value}")
        model.preamble.append(f"#define K{j} {value}")
        model.constants[f"K{j}"] = value


def generate(rng):
    """A random Model: (cdef, preamble) via .text()."""
    model = Model(preamble=["#include <stdarg.h>", "#include <stdint.h>", "#include <string.h>", "#include <wchar.h>",
                            "#include <uchar.h>", "#include <sys/types.h>"])
    for i in range(rng.randint(0, 2)):
        _enum(rng, model, i)
    for i in range(rng.randint(1, 5)):
        _record(rng, model, i)
    _globals(rng, model)
    _functions(rng, model)
    if rng.random() < 0.5:
        _variadic(model)
    return model
