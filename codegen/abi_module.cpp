// emit_abi_module: the Python module of ABI mode. Its `ffi = FFI(...)` call
// carries CFFI's keyword arguments (recompiler.py's write_py_source_to_f):
//   _version         the table ABI version, as in the C modules;
//   _types           the type table, one big-endian 4-byte word per entry
//                    ((arg << 8) | opcode; an array length as itself);
//   _globals         (b'<word><name>', value) pairs sorted by name: functions
//                    (DLOPEN_FUNC), variables (GLOBAL_VAR) and typed constants
//                    (DLOPEN_CONST) found with dlsym, integer constants and
//                    enumerators (CONSTANT_INT, ENUM) with their values;
//   _struct_unions   (b'<type><flags><name>', b'<word>[<bits>]<field>', ...)
//                    per struct or union: no offsets, the runtime lays out;
//   _enums           b'<type><prim><name>\0<A,B,...>';
//   _typenames       b'<type><name>'.
// The type table is codegen's (TypeTable), asked in a fixed order, so the
// entries and opcodes are those a C module of the same cdef has.
#include <cstdio>

#include "codegen/abi.hpp"
#include "codegen/by_name.hpp"
#include "codegen/emitter.hpp"
#include "runtime/ffigen_abi.h"

namespace ffigen::codegen {

using namespace model;

namespace {

int opcode_number(std::string_view name) {
    static constexpr struct { std::string_view name; int code; } codes[] = {
        {"PRIMITIVE", _FFIGEN_OP_PRIMITIVE}, {"POINTER", _FFIGEN_OP_POINTER},
        {"ARRAY", _FFIGEN_OP_ARRAY},         {"OPEN_ARRAY", _FFIGEN_OP_OPEN_ARRAY},
        {"STRUCT_UNION", _FFIGEN_OP_STRUCT_UNION}, {"ENUM", _FFIGEN_OP_ENUM},
        {"FUNCTION", _FFIGEN_OP_FUNCTION},   {"FUNCTION_END", _FFIGEN_OP_FUNCTION_END},
        {"NOOP", _FFIGEN_OP_NOOP},
    };
    for (const auto& c : codes)
        if (c.name == name) return c.code;
    return -1;  // not reached: the table uses only these
}

// A 4-byte big-endian word as bytes-literal escapes.
void put_word(Text& out, std::uint32_t word) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "\\x%02X\\x%02X\\x%02X\\x%02X", (word >> 24) & 0xFF, (word >> 16) & 0xFF,
                  (word >> 8) & 0xFF, word & 0xFF);
    out += std::string_view(hex, 16);
}

void put_op(Text& out, int opcode, int arg) {
    put_word(out, (static_cast<std::uint32_t>(arg) << 8) | static_cast<std::uint32_t>(opcode));
}

struct GlobalEntry {
    std::string_view name;
    int opcode, arg;
    std::string value;  // the second item of the pair
};

// Asks the type table for every type, in a fixed order, and lists the globals.
std::vector<GlobalEntry> collect(Emitter& e) {
    const Module& m = e.module;
    std::vector<GlobalEntry> globals;
    for (const Function& fn : m.functions)
        globals.push_back({fn.name, _FFIGEN_OP_DLOPEN_FUNC, e.types.index_of(QualType{fn.type}), "0"});
    for (const Variable& v : m.variables)
        globals.push_back({v.name, _FFIGEN_OP_GLOBAL_VAR, e.types.index_of(v.type), "0"});
    for (const Constant& c : m.constants) {
        if (c.kind == ConstantKind::Define) globals.push_back({c.name, _FFIGEN_OP_CONSTANT_INT, -1, c.value->to_string()});
        else globals.push_back({c.name, _FFIGEN_OP_DLOPEN_CONST, e.types.index_of(c.type), "0"});
    }
    for (const EnumType* en : e.enums) {
        e.enum_types.push_back(e.types.index_of(QualType{en}));
        for (const Enumerator& v : en->enumerators)
            globals.push_back({v.name, _FFIGEN_OP_ENUM, -1, std::to_string(*v.value)});
    }
    for (const RecordType* r : e.records) {
        e.record_types.push_back(e.types.index_of(QualType{r}));
        for (const Field& f : r->fields) e.field_types.push_back(e.types.index_of(f.type));
    }
    index_typedefs(e);
    sort_by_name(globals, [](const GlobalEntry& g) { return g.name; });
    return globals;
}

void put_types(Text& out, const Emitter& e) {
    const auto& slots = e.types.slots();
    out += "    _types = (\n";
    for (std::size_t i = 0; i < slots.size(); ++i) {
        const TypeSlot& slot = slots[i];
        out += "        b'";
        if (slot.opcode.empty()) put_word(out, static_cast<std::uint32_t>(slot.arg));  // an array's length
        else put_op(out, opcode_number(slot.opcode), slot.arg);
        put(out, "'  # ", Number(static_cast<long long>(i)));
        if (slot.commented.type) {
            std::size_t before = out.size();
            out += ": ";
            e.types.append_comment(out, slot);
            if (out.size() == before + 2) out.truncate(before);  // C has no name for it
        }
        out += '\n';
    }
    if (slots.empty()) out += "        b''\n";
    out += "    ),\n";
}

void put_globals(Text& out, const std::vector<GlobalEntry>& globals) {
    if (globals.empty()) return;
    out += "    _globals = (\n";
    for (const GlobalEntry& g : globals) {
        out += "        b'";
        put_op(out, g.opcode, g.arg);
        put(out, g.name, "', ", g.value, ",\n");
    }
    out += "    ),\n";
}

bool has_anonymous_member(const RecordType* r) {
    for (const Field& f : r->fields)
        if (f.name.empty() && f.bit_width < 0) return true;
    return false;
}

int record_flags(const RecordType* r) {
    int flags = r->record_kind == RecordKind::Union ? _FFIGEN_F_UNION : 0;
    if (r->completeness == Completeness::Opaque) return flags | _FFIGEN_F_OPAQUE;
    // As CFFI: the runtime lays the fields out, checking nothing else, and
    // not even that with anonymous members (their fields are listed flat).
    if (!has_anonymous_member(r)) flags |= _FFIGEN_F_CHECK_FIELDS;
    return r->pack == 1 ? flags | _FFIGEN_F_PACKED : flags;
}

void put_records(Text& out, const Emitter& e) {
    if (e.records.empty()) return;
    out += "    _struct_unions = (\n";
    std::size_t field = 0;
    for (std::size_t i = 0; i < e.records.size(); ++i) {
        const RecordType* r = e.records[i];
        out += "        (b'";
        put_word(out, static_cast<std::uint32_t>(e.record_types[i]));
        put_word(out, static_cast<std::uint32_t>(record_flags(r)));
        put(out, e.record_names[i].table_name, "',");
        for (const Field& f : r->fields) {
            out += " b'";
            bool bits = f.bit_width >= 0;
            put_op(out, bits ? _FFIGEN_OP_BITFIELD : _FFIGEN_OP_NOOP, e.field_types[field++]);
            if (bits) put_word(out, static_cast<std::uint32_t>(f.bit_width));
            put(out, f.name, "',");
        }
        out += "),\n";
    }
    out += "    ),\n";
}

void put_enums(Text& out, const Emitter& e) {
    if (e.enums.empty()) return;
    out += "    _enums = (\n";
    for (std::size_t i = 0; i < e.enums.size(); ++i) {
        out += "        b'";
        put_word(out, static_cast<std::uint32_t>(e.enum_types[i]));
        put_word(out, static_cast<std::uint32_t>(prim_from_values(e.enums[i])));
        put(out, e.enum_names[i].table_name, "\\x00");
        bool first = true;
        for (const Enumerator& v : e.enums[i]->enumerators) {
            if (!first) out += ',';
            first = false;
            out += v.name;
        }
        out += "',\n";
    }
    out += "    ),\n";
}

void put_typenames(Text& out, const Emitter& e) {
    if (e.typedefs.empty()) return;
    out += "    _typenames = (\n";
    for (std::size_t i = 0; i < e.typedefs.size(); ++i) {
        out += "        b'";
        put_word(out, static_cast<std::uint32_t>(e.typedef_types[i]));
        put(out, e.typedefs[i].name, "',\n");
    }
    out += "    ),\n";
}

// Like the C modules' PyInit: _ffigen_runtime when it is installed, else
// the stock backend; --runtime names the only one.
void put_header(Text& out, const AbiOptions& o) {
    put(out, "# Python module '", o.module_name,
        "', generated by ffigen from a cdef for CFFI's out-of-line ABI mode\n"
        "# (set_source(name, None)): use ffi.dlopen(). Do not edit.\n");
    if (!o.runtime.empty()) {
        put(out, "import ", o.runtime, " as _backend\n\n");
        return;
    }
    out += "try:\n    import _ffigen_runtime as _backend\nexcept ImportError:\n"
           "    import _cffi_backend as _backend\n\n";
}

}  // namespace

std::string emit_abi_module(const Module& module, const AbiOptions& options) {
    EmitOptions c_options;  // only for the Emitter's naming and type table
    c_options.module_name = options.module_name;
    c_options.keep_anonymous_members = true;
    Emitter e(module, c_options);
    std::vector<GlobalEntry> globals = collect(e);
    Text& out = e.out;
    put_header(out, options);
    int version = e.types.uses_char16_32() ? _FFIGEN_ABI_VERSION_CHAR16_32 : _FFIGEN_ABI_VERSION_MIN;
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%x", version);
    put(out, "ffi = _backend.FFI('", options.module_name, "',\n    _version = ", std::string_view(hex), ",\n");
    put_types(out, e);
    put_globals(out, globals);
    put_records(out, e);
    put_enums(out, e);
    put_typenames(out, e);
    out += ")\n";
    return out.take();
}

}  // namespace ffigen::codegen
