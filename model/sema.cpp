// Sema, top level: declarations, the names they bind, redefinitions.
#include <algorithm>
#include <cctype>

#include "model/builtin_types.hpp"
#include "model/sema_impl.hpp"
#include "parser/parse.hpp"

namespace ffigen::model {

namespace sema {

namespace {

bool is_empty(const ast::Declarator& d) {
    return d.name.empty() && d.pointers.empty() && d.nested.empty() && d.suffixes.empty();
}

// The suffix that makes the declared name's type: the first of the
// innermost declarator that has one (`f(int)`, `(*g(void))(int)` and
// `(h)(int)` give theirs); none behind a pointer (`(*p)(int)`).
const ast::Suffix* own_suffix(const ast::Declarator& d) {
    if (!d.nested.empty()) {
        if (const ast::Suffix* inner = own_suffix(d.nested.front())) return inner;
        if (!d.nested.front().pointers.empty()) return nullptr;
    }
    return d.suffixes.empty() ? nullptr : &d.suffixes.front();
}

// The name a declarator declares, also when parenthesized: `(*op)(int)`.
std::string_view name_of(const ast::Declarator& d) {
    return d.nested.empty() ? d.name : name_of(d.nested.front());
}

std::vector<std::string> param_names(const ast::Declarator& d) {
    std::vector<std::string> names;
    const ast::Suffix* s = own_suffix(d);
    if (!s || s->kind != ast::Suffix::Function) return names;
    for (const ast::Param& p : s->params) names.emplace_back(name_of(p.decl));
    return names;
}

// Sema fills in nominal types after creating them; the model hands them
// out as const once sema is done.
template <class T>
T* filling(const T* t) {
    return const_cast<T*>(t);
}

}  // namespace

Sema::Sema(Module& module, const SourceFile& file, DiagnosticEngine& diags, SemaOptions options)
    : m_(module), file_(&file), diags_(&diags), options_(options), pack_(options.pack) {
    // A cdef declares about one lib-level name per line of ~60 bytes: room
    // for them up front saves rehashing the tables as they grow. (Nothing
    // depends on their iteration order.)
    std::size_t names = file.text().size() / 64;
    lib_names_.reserve(names);
}

Diagnostic& Sema::error(ast::Range r, std::string message) {
    return diags_->error(loc(r), std::move(message), std::max<std::uint32_t>(1, r.end - r.begin));
}

// The length of the name at `at`, to underline it whole.
static std::uint32_t name_length(SourceLoc at) {
    if (!at) return 1;
    std::string_view text = at.file->text().substr(at.offset);
    std::size_t n = 0;
    while (n < text.size() && (std::isalnum(static_cast<unsigned char>(text[n])) || text[n] == '_'))
        ++n;
    return static_cast<std::uint32_t>(std::max<std::size_t>(n, 1));
}

bool Sema::conflict(const std::string& what, SourceLoc at, SourceLoc previous) {
    auto& d = diags_->error(at, "conflicting redefinition of " + what, name_length(at));
    DiagnosticEngine::add_note(d, previous, "previous definition is here", name_length(previous));
    return false;
}

// A struct or enum only mentioned (`struct foo;`) by an included cdef
// belongs to that module: the including one cannot give it a body.
bool Sema::defined_elsewhere(const std::string& owner, SourceLoc at, SourceLoc previous) {
    if (owner == owner_) return false;
    auto& d = diags_->error(at, "cannot define a type declared by the included module " +
                                    quoted(owner), name_length(at));
    DiagnosticEngine::add_note(d, previous, "declared here", name_length(previous));
    return true;
}

// CFFI builds a struct the included module leaves opaque and the runtime
// refuses it at first use: its ctype is that module's, which stays opaque.
void Sema::ignore_included_opaque(RecordType* rec, SourceLoc at) {
    rec->defined_by_includer = true;
    auto& d = diags_->warning(at, quoted(spell({rec, NoQuals})) + " is opaque in the included module " +
                                      quoted(rec->owner) +
                                      ": this definition is ignored, and using the type raises "
                                      "NotImplementedError (as in CFFI)",
                              name_length(at));
    DiagnosticEngine::add_note(d, rec->loc, "declared here", name_length(rec->loc));
}

RecordType* Sema::new_record(RecordKind kind, std::string tag, SourceLoc at) {
    RecordType* rec = m_.types.new_record(kind, std::move(tag), at);
    rec->owner = owner_;
    return rec;
}

EnumType* Sema::new_enum(std::string tag, SourceLoc at) {
    EnumType* e = m_.types.new_enum(std::move(tag), at);
    e->owner = owner_;
    return e;
}

void Sema::next_file(const SourceFile& file, DiagnosticEngine& diags, std::string owner) {
    file_ = &file;
    diags_ = &diags;
    owner_ = std::move(owner);
    pack_ = options_.pack;  // #pragma pack does not reach past its file
    pack_stack_.clear();
    keep_gil_ = options_.keep_gil;  // nor does #pragma ffigen gil
    block_ = ast::ExternBlock::None;
}

void Sema::run(const ast::Unit& unit) {
    for (const ast::Item& i : unit.items) item(i);
    finish();
}

void Sema::item(const ast::Item& item) {
    if (auto* d = std::get_if<ast::Declaration>(&item))
        declaration(*d);
    else if (auto* def = std::get_if<ast::Define>(&item))
        define(*def);
    else if (auto* pack = std::get_if<ast::PragmaPack>(&item))
        pragma(*pack);
    else
        pragma(std::get<ast::PragmaGil>(item));
}

void Sema::declaration(const ast::Declaration& decl) {
    block_ = decl.block;
    bool is_typedef = std::any_of(decl.specs.items.begin(), decl.specs.items.end(),
                                  [](auto& i) { return i.word == "typedef"; });
    Specs s = specs(decl.specs, is_typedef ? Place::Typedef : Place::Global);
    if (!s.ok) return;
    if (s.python == ExternPython::No && block_ != ast::ExternBlock::None)
        s.python =
            block_ == ast::ExternBlock::Python ? ExternPython::Python : ExternPython::PythonPlusC;
    if (s.dots) return dotdotdot_typedef(s, decl);
    bool any = false;
    for (const ast::Declarator& d : decl.declarators) {
        if (is_empty(d)) continue;
        any = true;
        Declared dd =
            declarator(s.type, d, s.callconv, is_typedef ? Place::Typedef : Place::Global);
        if (!dd.ok) continue;
        if (dd.name.empty()) {
            error(d.range, "expected a name in this declaration");
            continue;
        }
        // As CFFI: an initializer gives an integer its value; on anything
        // else it is ignored (the C compiler gives the value).
        if (!d.init.tokens.empty() && is_integer(dd.type.type))
            initialized_constant(dd, d.init);
        else {
            dd.param_names = param_names(d);
            declare(s, std::move(dd), decl);
        }
    }
    if (!any && !s.declares_tag) error(decl.specs.range, "declaration does not declare anything");
}

void Sema::declare(const Specs& s, Declared d, const ast::Declaration& decl) {
    if (s.is_typedef) return declare_typedef(std::move(d));
    if (d.type.type->canonical()->kind == TypeKind::Function)
        return declare_function(std::move(d), s.python);
    if (s.python != ExternPython::No) {
        error(decl.specs.range, "extern \"Python\" applies only to function declarations");
        return;
    }
    declare_object(std::move(d));
}

// `typedef ... t;` (opaque struct), `typedef ... *t;` (pointer to one),
// `typedef int... t;`, `typedef float... t;`: the C compiler gives what the
// type really is.
void Sema::dotdotdot_typedef(const Specs& s, const ast::Declaration& decl) {
    static const char* const kForms =
        "only 'typedef ... name;', 'typedef ... *name;', 'typedef int... name;' and 'typedef "
        "float... name;' are allowed";
    if (!s.is_typedef) {
        error(s.dots->range, std::string("unsupported usage of '...': ") + kForms);
        return;
    }
    const Type* base = s.type.type;
    auto* prim = base ? base->as<PrimitiveType>() : nullptr;
    PrimClass cls = prim ? prim_info(prim->prim).cls : PrimClass::Void;
    if (base && cls != PrimClass::Signed && cls != PrimClass::Unsigned && cls != PrimClass::Float) {
        error(s.dots->range, std::string("unsupported usage of '...' in typedef: ") + kForms);
        return;
    }
    for (const ast::Declarator& d : decl.declarators) {
        bool pointer = !base && d.pointers.size() == 1 && d.pointers[0].quals.empty();
        if (d.name.empty() || (!d.pointers.empty() && !pointer) || !d.suffixes.empty() ||
            !d.nested.empty() || !d.callconv.empty()) {
            error(d.range, std::string("unsupported usage of '...' in typedef: ") + kForms);
            continue;
        }
        SourceLoc at = loc(d.name_range);
        QualType target;
        if (!base) {
            RecordType* rec = new_record(RecordKind::Struct, "", at);
            // The pointee of `typedef ... *t;` has no C name; as in CFFI,
            // the runtime shows it as `$t`.
            rec->typedef_name = pointer ? "$" + std::string(d.name) : std::string(d.name);
            rec->from_dotdotdot_typedef = true;
            m_.records.push_back(rec);
            target = {rec, NoQuals};
            if (pointer) target = {m_.types.pointer(target), NoQuals};
        } else if (cls == PrimClass::Float) {
            target = {m_.types.new_unknown_float(std::string(d.name), at), NoQuals};
        } else {
            target = {m_.types.new_unknown_int(std::string(d.name), at), NoQuals};
        }
        declare_typedef(Declared{target, d.name, d.name_range, true});
    }
}

void Sema::declare_typedef(Declared d) {
    SourceLoc at = loc(d.name_range);
    QualType target = d.type;
    if (auto lib = lib_names_.find(d.name); lib != lib_names_.end()) {
        conflict(quoted(d.name) + " (as a typedef)", at, lib->second.loc);
        return;
    }
    if (auto it = typedefs_.find(d.name); it != typedefs_.end()) {
        if (it->second->target == target) return;
        if (!may_override(it->second->loc)) {
            conflict("typedef " + quoted(d.name), at, it->second->loc);
            return;
        }
    }
    if (auto rec = target.type->as<RecordType>(); rec && rec->typedef_name.empty())
        filling(rec)->typedef_name = d.name;
    if (auto en = target.type->as<EnumType>(); en && en->typedef_name.empty())
        filling(en)->typedef_name = d.name;
    const TypedefType* td = m_.types.new_typedef(std::string(d.name), target, at);
    auto [it, fresh] = typedefs_.try_emplace(td->name, td);
    if (!fresh) {
        const TypedefType* replaced = it->second;
        auto old = std::find_if(m_.typedefs.begin(), m_.typedefs.end(),
                                [replaced](const Typedef& t) { return t.type == replaced; });
        old->type = td;
        it->second = td;
        return;
    }
    m_.typedefs.push_back(Typedef{td, owner_});
}

// Binds `entry` under its name in `list` (kind `kind`), judging a
// redefinition with `same`.
template <class T, class Same>
Sema::LibName* Sema::bind(std::vector<T>& list, LibKind kind, T entry, Same same) {
    // C: typedef names and ordinary identifiers share one name space.
    if (auto td = typedefs_.find(entry.name); td != typedefs_.end()) {
        conflict(quoted(entry.name) + " (a typedef name)", entry.loc, td->second->loc);
        return nullptr;
    }
    auto it = lib_names_.find(entry.name);
    if (it != lib_names_.end()) {
        LibName& old = it->second;
        if (old.kind == kind && same(list[old.index], entry)) return nullptr;
        if (!may_override(old.loc)) {
            conflict(quoted(entry.name), entry.loc, old.loc);
            return nullptr;
        }
        if (old.kind == kind) {
            old = LibName{kind, old.index, entry.loc, false, std::nullopt};
            list[old.index] = std::move(entry);
            return &old;
        }
        unbind(entry.name);
    }
    LibName& bound = lib_names_.insert_or_assign(entry.name, LibName{kind, list.size(), entry.loc, false, std::nullopt})
                         .first->second;
    list.push_back(std::move(entry));
    return &bound;
}

// Forgets a lib-level name (for --override across kinds).
void Sema::unbind(const std::string& name) {
    auto it = lib_names_.find(name);
    LibName old = it->second;
    lib_names_.erase(it);
    auto drop = [&](auto& list) {
        list.erase(list.begin() + static_cast<std::ptrdiff_t>(old.index));
        for (auto& [n, ln] : lib_names_)
            if (ln.kind == old.kind && ln.index > old.index) --ln.index;
    };
    switch (old.kind) {
        case LibKind::Function:
            drop(m_.functions);
            break;
        case LibKind::Variable:
            drop(m_.variables);
            break;
        case LibKind::Constant:
            drop(m_.constants);
            break;
        case LibKind::Enumerator:
            break;  // stays in its enum
    }
}

void Sema::declare_function(Declared d, ExternPython python) {
    auto fn = d.type.type->canonical()->as<FunctionType>();
    // Variadic functions and extern "Python" ones get no wrapper that
    // builds a result: only a call at run time needs it, and the runtime
    // refuses that call.
    if (!fn->variadic && python == ExternPython::No)
        needs_layout(fn->result, Holder::Result, d.name, d.name_range);
    Function f{std::string(d.name), fn, python, loc(d.name_range), owner_, std::move(d.param_names), keep_gil_};
    bind(m_.functions, LibKind::Function, std::move(f), [](const Function& a, const Function& b) {
        return a.type == b.type && a.extern_python == b.extern_python;
    });
}

void Sema::declare_object(Declared d) {
    const Type* canon = d.type.type->canonical();
    if (canon->kind == TypeKind::Primitive && canon->as<PrimitiveType>()->prim == Prim::Void) {
        error(d.name_range, "variable " + quoted(d.name) + " has type 'void'");
        return;
    }
    // CFFI reads a const-qualified non-array global as a constant, also
    // when the const comes from a typedef.
    bool constant = (effective_quals(d.type) & Const) && canon->kind != TypeKind::Array;
    if (constant) {
        Constant c{std::string(d.name), ConstantKind::StaticConst, d.type, std::nullopt, loc(d.name_range),
                   owner_};
        bind(m_.constants, LibKind::Constant, std::move(c),
             [](const Constant& a, const Constant& b) {
                 return a.kind == b.kind && a.type == b.type;
             });
    } else {
        Variable v{std::string(d.name), d.type, loc(d.name_range), owner_};
        bind(m_.variables, LibKind::Variable, std::move(v),
             [](const Variable& a, const Variable& b) { return a.type == b.type; });
    }
}

// `static const int X = 42;`: CFFI takes the value from the cdef, as for
// `#define X 42`.
void Sema::initialized_constant(const Declared& d, const ast::Expr& init) {
    auto v = evaluate(init);
    if (!v) return;
    IntValue value{static_cast<std::uint64_t>(*v < 0 ? -*v : *v), *v < 0};
    bind_constant(d.name, value, loc(d.name_range));
}

void Sema::define(const ast::Define& def) {
    std::optional<IntValue> value;
    if (def.value_text != "...") {
        value = define_value(def);
        if (!value) return;
    }
    bind_constant(def.name, value, loc(def.name_range));
}

// A constant with its value given in the cdef (or `...`); it may appear in
// later constant expressions.
void Sema::bind_constant(std::string_view name, std::optional<IntValue> value, SourceLoc at) {
    Constant c{std::string(name), ConstantKind::Define, {}, value, at, owner_};
    LibName* bound = bind(m_.constants, LibKind::Constant, std::move(c), [](const Constant& a, const Constant& b) {
        return a.kind == b.kind && a.value == b.value;
    });
    if (!bound) return;
    bound->is_int_constant = true;
    if (value) {
        Wide w = static_cast<Wide>(value->magnitude);
        bound->int_value = value->negative ? -w : w;
    }
}

void Sema::pragma(const ast::PragmaPack& p) {
    switch (p.op) {
        case ast::PragmaPack::Set:
            pack_ = p.value;
            break;
        case ast::PragmaPack::Push:
            pack_stack_.push_back(pack_);
            if (p.value) pack_ = p.value;
            break;
        case ast::PragmaPack::Pop:
            if (pack_stack_.empty()) {  // as gcc does (it only warns)
                pack_ = options_.pack;
                break;
            }
            pack_ = pack_stack_.back();
            pack_stack_.pop_back();
            break;
        case ast::PragmaPack::Reset:
            pack_ = options_.pack;
            break;
    }
}

namespace {

// "field 'b' has incomplete type 'struct b'", "function 'f' returns type
// 'pair' of opaque 't' ('typedef ...')", then why and what to do.
std::string opaque_use_message(const NeedsLayout& use) {
    bool field = use.holder == Holder::Field;
    bool dots = use.record->from_dotdotdot_typedef;
    std::string written = spell({use.as_written, NoQuals}), record = spell({use.record, NoQuals});
    std::string kind = dots ? "opaque" : "incomplete";
    std::string type = written == record ? kind + " type " + quoted(record)
                                         : "type " + quoted(written) + " of " + kind + " " + quoted(record);
    return (field ? "field " : "function ") + quoted(use.name) + (field ? " has " : " returns ") +
           type + (dots ? " ('typedef ...')" : "") + ": its layout is not in the cdef, so it may be " +
           (field ? "held" : "returned") + " only through a pointer";
}

}  // namespace

// The records that must have a layout (NeedsLayout) are checked once the
// file is read: a struct may be declared, used, and defined later.
void Sema::finish() {
    for (const NeedsLayout& use : needs_layout_)
        if (use.record->completeness == Completeness::Opaque) error(use.range, opaque_use_message(use));
    needs_layout_.clear();
}

}  // namespace sema

std::unique_ptr<Module> analyze(const ast::Unit& unit, const SourceFile& file,
                                DiagnosticEngine& diags, const SemaOptions& options) {
    auto module = std::make_unique<Module>();
    sema::Sema(*module, file, diags, options).run(unit);
    return module;
}

namespace {

// Parses and resolves one file of the session. The stages report in stage
// order; the user reads them in file order.
void read_cdef(sema::Sema& sema, const Module& module, const SourceFile& file,
               DiagnosticEngine& diags, std::string owner) {
    DiagnosticEngine staged;
    sema.next_file(file, staged, std::move(owner));
    std::vector<std::string> known_types;  // typedefs of the included cdefs
    for (const Typedef& t : module.typedefs) known_types.push_back(t.type->name);
    parser::parse_cdef(
        file, staged, &is_builtin_type_name, [&](ast::Item&& item) { sema.item(item); },
        known_types);
    sema.finish();
    std::vector<Diagnostic> found = staged.diagnostics();
    std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.loc.offset < b.loc.offset;
    });
    for (Diagnostic& d : found) {
        Diagnostic& copy = d.severity == Severity::Error
                               ? diags.error(d.loc, d.message, d.length)
                               : diags.warning(d.loc, d.message, d.length);
        copy.notes = std::move(d.notes);
    }
}

}  // namespace

std::unique_ptr<Module> analyze_cdef(const SourceFile& file, DiagnosticEngine& diags,
                                     const SemaOptions& options,
                                     const std::vector<IncludedCdef>& includes) {
    auto module = std::make_unique<Module>();
    sema::Sema sema(*module, file, diags, options);
    for (const IncludedCdef& inc : includes) {
        read_cdef(sema, *module, *inc.file, diags, inc.module);
        if (std::find(module->includes.begin(), module->includes.end(), inc.module) ==
            module->includes.end())
            module->includes.push_back(inc.module);
    }
    read_cdef(sema, *module, file, diags, "");
    return module;
}

}  // namespace ffigen::model
