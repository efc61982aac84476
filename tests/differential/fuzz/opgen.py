"""Random programs of `ffi` operations over a cdefgen Model: one Python
statement a line, run by worker.py on each runtime (names ffi, lib, LOG).
Every op stays within defined behaviour as far as stock CFFI goes (no
dereference of a pointer that may dangle or was made from an integer, no
pointer indexing past the memory it came with, nothing used after
ffi.release), so any difference between runtimes is a finding."""
from dataclasses import dataclass

from cdefgen import CALLBACK_SIGS, FLOATS, INTS, PRIMITIVES

INT_VALUES = [0, 1, -1, 127, 128, 255, 256, -129, 2**15, 2**31 - 1, 2**31, -2**31 - 1,
              2**32, 2**63 - 1, 2**63, 2**64, -2**63, "1.5", "True", "'x'", "b'x'", "None"]
FLOAT_VALUES = ["0.0", "-1.5", "1e308", "1e400", "3", "True", "'x'", "2**1000", "float('nan')", "None"]
CHAR_VALUES = ["b'a'", "b'\\x00'", "b'ab'", "'a'", "65", "b''", "None", "b'\\xff'"]
WCHAR_VALUES = ["'a'", "'\\u20ac'", "'\\U0001f600'", "b'a'", "65", "'ab'", "''", "None"]
BOOL_VALUES = ["True", "False", "0", "1", "2", "-1", "0.5", "None"]
PY_CALLBACKS = {  # result type -> Python bodies for a callback
    "int": ["lambda *a: sum(a)", "lambda *a: 1 / 0", "lambda *a: 'x'", "lambda *a: 2**40"],
    "double": ["lambda *a: a[0] * 2", "lambda *a: None", "lambda *a: 1 / 0"],
    "void": ["lambda *a: LOG.append(a[0][0])", "lambda *a: 1"],
    "unsigned char": ["lambda *a: a[0] + 1", "lambda *a: -1"],
    "long long": ["lambda *a: a[0] - a[1]", "lambda *a: 2**70"],
}


@dataclass
class Var:
    name: str
    ctype: str    # what ffi.typeof(var) is, as a cdef spells it
    length: int   # items of memory behind a pointer/array (0: do not dereference)
    root: str     # the var owning the memory (released together)


class Program:
    def __init__(self, rng, model):
        self.rng, self.model, self.lines, self.vars = rng, model, [], []

    # -- types ---------------------------------------------------------
    def resolve(self, t):
        return self.model.typedefs.get(t, t)

    def record(self, t):
        t = self.resolve(t)
        return next((r for r in self.model.records if r.ctype == t), None)

    def holds_address(self, t):
        """Whether memory of type t may hold a pointer (its bytes are an address)."""
        t = t.strip()
        t = self.resolve(t.rstrip("[]0123456789 ") if t.endswith("]") else t)
        rec = self.record(t)
        if rec is not None:
            return any(self.holds_address(f.ctype) for f in rec.fields)
        return "*" in t or "long double" in t  # long double: 6 bytes of padding

    def plain(self, v):
        """Whether var v has memory whose bytes are the same on every run."""
        return v.length and not self.holds_address(v.ctype[:-1] if v.ctype.endswith("*") else v.ctype)

    def types(self):
        """Types one can ffi.new() a pointer to."""
        return (PRIMITIVES + list(self.model.enums) + [r.ctype for r in self.model.records]
                + list(self.model.typedefs) + ["char *", "int *", "void *"])

    # -- values --------------------------------------------------------
    def value(self, t, depth=0, new=False):
        """Python source of a random initializer/value for type t (`new`:
        for ffi.new(), the only place that sizes a flexible array member)."""
        rng, t = self.rng, self.resolve(t)
        if rng.random() < 0.08:
            return rng.choice(["None", "'x'", "[1]", "{}", "1.5", "ffi.NULL"])
        if t.endswith("]"):
            item, n = t[: t.rindex("[")], t[t.rindex("[") + 1: -1]
            n = int(n) if n else 3
            if item == "char" and rng.random() < 0.6:
                return repr(bytes(rng.choice(b"abc\x00") for _ in range(rng.randint(0, n + 1))))
            return "[" + ", ".join(self.value(item, depth + 1) for _ in range(rng.randint(0, n + 1))) + "]"
        rec = self.record(t)
        if rec is not None:
            if depth > 2:
                return "{}"
            usable = [f for f in rec.fields if new and depth == 0 or not f.ctype.endswith("[]")]
            fields = rng.sample(usable, rng.randint(0, len(usable)))
            if rng.random() < 0.3:
                return "[" + ", ".join(self.value(f.ctype, depth + 1) for f in usable[: len(fields)]) + "]"
            return "{" + ", ".join(f"{f.name!r}: {self.value(f.ctype, depth + 1)}" for f in fields) + "}"
        if t in self.model.enums:
            names = [n for n, _ in self.model.enums[t]]
            return rng.choice([repr(rng.choice(names)), str(rng.choice(INT_VALUES[:12])), "'#7'"])
        if t.endswith("*") or "(*)" in t:
            same = [v.name for v in self.vars if v.ctype == t]
            return rng.choice(same + ["ffi.NULL", "None", "0"] + ([v.name for v in self.vars[:2]]))
        if t == "char":
            return rng.choice(CHAR_VALUES)
        if t in ("wchar_t", "char16_t", "char32_t"):
            return rng.choice(WCHAR_VALUES)
        if t == "_Bool":
            return rng.choice(BOOL_VALUES)
        if t in FLOATS:
            return rng.choice(FLOAT_VALUES)
        lo_hi = INTS.get(t)
        extra = [lo_hi[0], lo_hi[1], lo_hi[1] + 1, lo_hi[0] - 1] if lo_hi else []
        return str(rng.choice(INT_VALUES + extra))

    # -- vars ----------------------------------------------------------
    def new_var(self, ctype, length, root=None):
        name = f"v{len(self.lines)}"
        var = Var(name, ctype, length, root or name)
        return var

    def pick(self, pred=lambda v: True):
        cands = [v for v in self.vars if pred(v)]
        return self.rng.choice(cands) if cands else None

    def emit(self, line, var=None):
        self.lines.append(line)
        if var is not None:
            self.vars.append(var)

    # -- operations ----------------------------------------------------
    def op_new(self):
        rng, t = self.rng, self.rng.choice(self.types())
        roll = rng.random()
        if roll < 0.5:
            init = f", {self.value(t, new=True)}" if rng.random() < 0.6 else ""
            var = self.new_var(f"{self.resolve(t)} *", 1)
            self.emit(f"{var.name} = ffi.new({t + ' *'!r}{init})", var)
        elif roll < 0.75:
            n = rng.randint(0, 4)
            var = self.new_var(f"{self.resolve(t)}[{n}]", n)
            init = f", {self.value(var.ctype)}" if rng.random() < 0.5 else ""
            self.emit(f"{var.name} = ffi.new({f'{t}[{n}]'!r}{init})", var)
        else:
            n = rng.randint(0, 4)
            var = self.new_var(f"{self.resolve(t)}[{n}]", n)
            self.emit(f"{var.name} = ffi.new({t + '[]'!r}, {n})", var)

    def op_cast(self):
        """A cast result is never dereferenced: nothing says where it points."""
        rng = self.rng
        t = rng.choice(PRIMITIVES + list(self.model.enums) + ["void *", "char *", "int *"])
        src = self.pick(lambda v: v.length) if t.endswith("*") else None
        value = rng.choice([self.value(t), str(rng.choice(INT_VALUES)), src.name if src else "0"])
        var = self.new_var(t, 0)
        self.emit(f"{var.name} = ffi.cast({t!r}, {value})", var)

    def op_typeof(self):
        rng, v = self.rng, self.pick()
        t = rng.choice(self.types() + ["int(*)(int)", "struct nope", "int[", "int[3][2]"])
        target = f"{v.name}" if v and rng.random() < 0.4 else repr(t)
        attr = rng.choice(["", ".kind", ".cname", ".item", ".length", ".fields", ".args", ".result",
                           ".elements", ".relements", ".abi", ".ellipsis"])
        expr = f"ffi.typeof({target}){attr}"
        if attr == ".fields" and rng.random() < 0.5:
            expr = f"[(n, f.type, f.offset, f.bitshift, f.bitsize, f.flags) for n, f in {expr}]"
        self.emit(expr)

    def op_sizes(self):
        rng, t = self.rng, self.rng.choice(self.types() + ["void", "int[3]"])
        rec = self.record(t)
        if rec is not None and rng.random() < 0.5:
            f = rng.choice(rec.fields + [rec.fields[0]])
            name = f.name if rng.random() < 0.9 else "nope"
            self.emit(f"ffi.offsetof({t!r}, {name!r})")
        else:
            self.emit(f"ffi.{rng.choice(['sizeof', 'alignof'])}({t!r})")

    def op_index(self):
        rng, v = self.rng, self.pick(lambda v: v.length or v.ctype.endswith("]"))
        if v is None:
            return self.op_new()
        bound = v.length if "[" in v.ctype else 1
        i = rng.choice([0, bound - 1, bound, -1] if "[" in v.ctype else [0])
        item = self.resolve(v.ctype[: v.ctype.rindex("[")] if "[" in v.ctype else v.ctype[:-1].rstrip())
        if rng.random() < 0.5:
            self.emit(f"{v.name}[{i}] = {self.value(item)}")
        elif self.record(item) is not None and 0 <= i < bound:
            var = self.new_var(item, 0, v.root)
            self.emit(f"{var.name} = {v.name}[{i}]", var)
        else:
            self.emit(f"{v.name}[{i}]")

    def op_slice(self):
        rng, v = self.rng, self.pick(lambda v: v.ctype.endswith("]"))
        if v is None:
            return self.op_new()
        a, b = sorted(rng.choice([0, 1, v.length, v.length + 1]) for _ in range(2))
        if rng.random() < 0.3:
            a, b = b, a
        item = v.ctype[: v.ctype.rindex("[")]
        if rng.random() < 0.5:
            self.emit(f"{v.name}[{a}:{b}]")
        else:
            self.emit(f"{v.name}[{a}:{b}] = {self.value(f'{item}[{max(b - a, 0)}]')}")

    def op_field(self):
        rng = self.rng
        v = self.pick(lambda v: self.record(v.ctype) or (v.length and self.record(v.ctype[:-1].strip())))
        if v is None:
            return self.op_new()
        rec = self.record(v.ctype) or self.record(v.ctype[:-1].strip())
        f = rng.choice(rec.fields)
        name = f.name if rng.random() < 0.95 else "nope"
        if f.ctype.endswith("[]"):  # a flexible array member: its size is not known here
            return self.emit(f"ffi.typeof({v.name}.items), ffi.sizeof({v.name})")
        if rng.random() < 0.15:
            var = self.new_var(f"{f.ctype} *", 1, v.root)
            usable = not f.bits and not f.ctype.endswith("]") and name == f.name
            return self.emit(f"{var.name} = ffi.addressof({v.name}, {name!r})", var if usable else None)
        if rng.random() < 0.5:
            self.emit(f"{v.name}.{name} = {self.value(f.ctype)}")
        elif f.record is not None or f.length:
            var = self.new_var(f.ctype, f.length, v.root)
            self.emit(f"{var.name} = {v.name}.{name}", var)
        else:
            self.emit(f"{v.name}.{name}")
        if f.ctype.endswith("*") and rng.random() < 0.5:
            self.emit(f"{v.name}.{f.name} == ffi.NULL")

    def op_string(self):
        rng, v = self.rng, self.pick(lambda v: v.length or "[" in v.ctype)
        if v is None:
            return self.op_cast()
        # Through a pointer ffi.string reads up to a NUL: bound it by the memory.
        n = rng.choice(["", ", 0", ", 1", ", 2", ", -1"] if "[" in v.ctype else [", 0", ", 1"])
        fn = rng.choice(["ffi.string", "ffi.unpack"] if "[" in v.ctype else ["ffi.string"])
        if fn == "ffi.unpack":
            n = f", {rng.randint(0, v.length)}"
        self.emit(f"{fn}({v.name}{n})")

    def op_buffer(self):
        rng, v = self.rng, self.pick(self.plain)
        if v is None:
            return self.op_new()
        roll = rng.random()
        if roll < 0.4:
            self.emit(f"bytes(ffi.buffer({v.name}))")
        elif roll < 0.6:
            self.emit(f"len(ffi.buffer({v.name}))")
        elif roll < 0.8:
            self.emit(f"ffi.buffer({v.name})[0:1] = b'\\x01'")
        elif roll < 0.95:
            self.emit(f"ffi.buffer({v.name}, {rng.choice([0, 1])})[:]")
        else:
            self.emit(f"isinstance(ffi.buffer({v.name}), ffi.buffer)")

    def op_from_buffer(self):
        rng = self.rng
        src = rng.choice(["bytearray(b'abcdefgh')", "b'abcd'", "bytearray(3)", "'text'",
                          "memoryview(bytearray(8))", "array.array('i', [1, 2, 3])"])
        if rng.random() < 0.5:
            item = rng.choice(["char", "int", "uint8_t", "double"] + [r.ctype for r in self.model.records])
            var = self.new_var(f"{item}[]", 0)
            writable = rng.choice(["", ", require_writable=True"])
            self.emit(f"{var.name} = ffi.from_buffer({item + '[]'!r}, {src}{writable})", var)
        else:
            var = self.new_var("char[]", 0)
            self.emit(f"{var.name} = ffi.from_buffer({src})", var)
        self.emit(f"len({var.name})")

    def op_release(self):
        v = self.pick(lambda v: v.root == v.name)
        if v is None:
            return self.op_new()
        self.emit(f"ffi.release({v.name})")
        self.vars = [w for w in self.vars if w.root != v.root]
        self.emit(f"{v.name} = None")

    def op_gc(self):
        """On pointers only: CFFI's gc'd copy of an array has a garbage length."""
        rng, v = self.rng, self.pick(lambda v: v.root == v.name and v.ctype.endswith("*"))
        if v is None:
            return self.op_new()
        destructor = rng.choice(["lambda p: LOG.append('gc')", "None", "len"])
        name = f"v{len(self.lines)}"
        self.emit(f"{name} = ffi.gc({v.name}, {destructor})")
        if rng.random() < 0.7:
            self.emit(f"{name} = None")
            self.emit("list(LOG)")

    def op_callback(self):
        rng = self.rng
        k = rng.randrange(len(CALLBACK_SIGS))
        result, args = CALLBACK_SIGS[k]
        sig = f"{result}(*)({', '.join(args)})"
        extra = rng.choice(["", ", 7", ", onerror=lambda *e: LOG.append(e[0].__name__)"])
        if result == "void" and extra == ", 7":
            extra = ""
        var = self.new_var(sig, 0)
        self.emit(f"{var.name} = ffi.callback({sig!r}, {rng.choice(PY_CALLBACKS[result])}{extra})", var)
        if args[0] != "int *" and rng.random() < 0.3:
            self.emit(f"{var.name}({', '.join(self.value(a) for a in args)})")
        fn = f"call{k}"
        if fn in self.model.functions:
            cargs = [self.value(a) if a != "int *" else self._int_ptr() for a in args]
            self.emit(f"lib.{fn}({var.name}, {', '.join(cargs)})")
            self.emit("list(LOG)")

    def _int_ptr(self):
        v = self.pick(lambda v: v.ctype == "int *" and v.length)
        return v.name if v else "ffi.new('int *', 5)"

    def op_variadic(self):
        """Only cdata may go in the variadic part (CFFI says which C type)."""
        if not self.model.variadic:
            return self.op_call()
        args = [self.rng.choice(["ffi.cast('int', 2)", "ffi.cast('int', -7)", "3", "1.5", "'x'"])
                for _ in range(self.rng.randint(0, 3))]
        self.emit(f"lib.vsum({', '.join([str(len(args))] + args)})")

    def op_call(self):
        rng = self.rng
        if not self.model.functions:
            return self.op_new()
        name, (result, args) = rng.choice(sorted(self.model.functions.items()))
        cargs = []
        for a in args:
            if a.endswith("*") and self.record(a[:-1].strip()):
                v = self.pick(lambda v: v.length and v.ctype == a)
                cargs.append(v.name if v else f"ffi.new({a!r})")
            elif "(*)" in a:
                cargs.append(rng.choice(["ffi.NULL", "None"]))
                return self.emit(f"lib.{name}")  # calling through NULL is undefined
            elif a == "int *":
                cargs.append(self._int_ptr())
            elif self.record(a) is not None:
                v = self.pick(lambda v: self.resolve(v.ctype) == a)
                cargs.append(f"{v.name}" if v else f"ffi.new({a + ' *'!r})[0]")
            else:
                cargs.append(self.value(a))
        if rng.random() < 0.05:
            cargs.append("0")
        if self.record(result) is not None:
            var = self.new_var(result, 0)
            self.emit(f"{var.name} = lib.{name}({', '.join(cargs)})", var)
        else:
            self.emit(f"lib.{name}({', '.join(cargs)})")

    def op_global(self):
        rng = self.rng
        if not (self.model.globals or self.model.constants) or rng.random() < 0.2:
            return self.emit(rng.choice(["sorted(dir(lib))", "lib.nope", "ffi.list_types()"]))
        names = list(self.model.globals) + list(self.model.constants)
        g = rng.choice(names)
        t = self.model.globals.get(g)
        if t and rng.random() < 0.5:
            self.emit(f"lib.{g} = {self.value(t)}")
        elif t and rng.random() < 0.5:  # (a pointer to an array: not indexed, see op_index)
            var = self.new_var(t + " *", 1, "lib")
            self.emit(f"{var.name} = ffi.addressof(lib, {g!r})", None if t.endswith("]") else var)
        else:
            self.emit(f"lib.{g}")

    def op_convert(self):
        rng, v = self.rng, self.pick()
        if v is None:
            return self.op_cast()
        w = self.pick()
        choices = [f"bool({v.name})", f"len({v.name})", f"{v.name} == {w.name}", f"repr({v.name})",
                   f"ffi.typeof({v.name}) is ffi.typeof({w.name})", f"ffi.addressof({v.name})",
                   f"ffi.sizeof({v.name})", f"hash({v.name}) != 0", f"{v.name} + 0"]
        if "[" in v.ctype:
            choices.append(f"list({v.name})")
        if self.resolve(v.ctype) in PRIMITIVES or v.ctype in self.model.enums:  # not an address
            choices += [f"int({v.name})", f"float({v.name})", f"{v.name} < {w.name}"]
        self.emit(rng.choice(choices))

    def op_enum(self):
        rng = self.rng
        if not self.model.enums:
            return self.op_sizes()
        enum = rng.choice(list(self.model.enums))
        name, value = rng.choice(self.model.enums[enum])
        self.emit(rng.choice([f"lib.{name}", f"ffi.string(ffi.cast({enum!r}, {value}))",
                              f"ffi.string(ffi.cast({enum!r}, {rng.choice([value + 1, -5, 2**40])}))",
                              f"repr(ffi.cast({enum!r}, {value}))", f"ffi.typeof({enum!r}).elements"]))

    def op_misc(self):
        rng = self.rng
        t = rng.choice(self.types())
        v, w = self.pick(lambda v: v.length), self.pick(self.plain)
        choices = [f"ffi.getctype({t!r}, '*')", f"ffi.getctype({t!r}, '[5]')", "ffi.errno",
                   "ffi.errno = 7", f"ffi.getctype(ffi.typeof({t!r}))", "ffi.from_handle(ffi.new_handle(LOG)) is LOG",
                   "ffi.from_handle(ffi.NULL)"]
        if v and w:
            n = rng.choice([0, 1])
            choices.append(f"ffi.memmove({v.name}, {w.name}, {n})")
        self.emit(rng.choice(choices))

    OPS = ["op_new", "op_new", "op_cast", "op_typeof", "op_sizes", "op_index", "op_index", "op_slice",
           "op_field", "op_field", "op_field", "op_string", "op_buffer", "op_from_buffer", "op_release",
           "op_gc", "op_callback", "op_call", "op_call", "op_global", "op_convert", "op_enum", "op_misc", "op_variadic"]


def generate(rng, model, length):
    prog = Program(rng, model)
    while len(prog.lines) < length:
        getattr(prog, rng.choice(Program.OPS))()
    return prog.lines
