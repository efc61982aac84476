// Sema: declaration specifiers and declarators -> types.
#include <algorithm>
#include <boost/container/small_vector.hpp>

#include "model/builtin_types.hpp"
#include "model/sema_impl.hpp"
#include "parser/keywords.hpp"
#include "parser/parse.hpp"

namespace ffigen::model::sema {

namespace {

using parser::WordRole;

Quals qualifier(std::string_view w) {
    if (w == "const" || w == "__const") return Const;
    if (w == "volatile") return Volatile;
    return Restrict;
}

CallConv callconv(std::string_view w) {
    return w == "__cdecl" ? CallConv::Cdecl : CallConv::Stdcall;
}

// The primitive named by counted type words (at most one base word).
std::optional<Prim> resolve_words(std::string_view base, int longs, int shorts, int signs,
                                  int unsigns, int complexes) {
    if (longs > 2 || shorts > 1 || signs + unsigns > 1 || complexes > 1 || (longs && shorts))
        return std::nullopt;
    bool sized = longs || shorts, signed_ = signs || unsigns;
    if (base.empty() || base == "int") {
        if (complexes) return std::nullopt;
        if (shorts) return unsigns ? Prim::UShort : Prim::Short;
        if (longs == 2) return unsigns ? Prim::ULongLong : Prim::LongLong;
        if (longs == 1) return unsigns ? Prim::ULong : Prim::Long;
        return unsigns ? Prim::UInt : Prim::Int;
    }
    if (base == "char" && !sized && !complexes)
        return unsigns ? Prim::UChar : signs ? Prim::SChar : Prim::Char;
    if (signed_ || shorts) return std::nullopt;
    if (base == "double" && longs == 1 && !complexes) return Prim::LongDouble;
    if (longs) return std::nullopt;
    if (base == "double") return complexes ? Prim::DoubleComplex : Prim::Double;
    if (base == "float") return complexes ? Prim::FloatComplex : Prim::Float;
    if (complexes) return std::nullopt;
    if (base == "void") return Prim::Void;
    if (base == "_Bool") return Prim::Bool;
    return std::nullopt;
}

bool is_void(QualType t) {
    auto p = t.type->canonical()->as<PrimitiveType>();
    return p && p->prim == Prim::Void;
}

}  // namespace

Specs Sema::specs(const ast::DeclSpecs& ds, Place place) {
    Specs s;
    Quals quals = NoQuals;
    // Type words (`unsigned long int`): a few per declaration, kept inline.
    boost::container::small_vector<const ast::SpecItem*, 4> words;
    const ast::SpecItem* named = nullptr;
    for (const ast::SpecItem& item : ds.items) {
        switch (item.kind) {
            case ast::SpecItem::Word:
                switch (item.role) {
                    case WordRole::TypeSpec:
                        words.push_back(&item);
                        break;
                    case WordRole::Qualifier:
                        quals = quals | qualifier(item.word);
                        break;
                    case WordRole::Storage:
                        if (item.word == "typedef") s.is_typedef = true;
                        if (item.word == "static") s.is_static = true;
                        break;
                    case WordRole::CallConv:
                        s.callconv = callconv(item.word);
                        break;
                    default:
                        break;  // inline
                }
                break;
            case ast::SpecItem::ExternPython:
                if (auto kind = ast::extern_kind(item.word); kind == ast::ExternBlock::Python)
                    s.python = ExternPython::Python;
                else if (kind == ast::ExternBlock::PythonPlusC)
                    s.python = ExternPython::PythonPlusC;
                else {
                    error(item.range, "unknown 'extern \"" + std::string(item.word) +
                                          "\"': expected \"Python\" or \"Python+C\"");
                    s.ok = false;
                }
                break;
            case ast::SpecItem::Dotdotdot:
                s.dots = &item;
                break;
            default:
                if (named) {
                    error(item.range, "cannot combine " +
                                          quoted(item.tag.empty() ? item.word : item.tag) +
                                          " with the previous type");
                    s.ok = false;
                }
                named = &item;
                s.declares_tag =
                    item.kind != ast::SpecItem::TypeName && (!item.tag.empty() || item.body);
        }
    }
    if (s.dots && place != Place::Typedef && place != Place::Global) {
        error(s.dots->range, "'...' is not allowed here");
        s.ok = false;
    }
    if (named && !words.empty()) {
        error(words.front()->range,
              "cannot combine " + quoted(words.front()->word) + " with a type name");
        return s.ok = false, s;
    }
    std::optional<QualType> base;
    if (named && named->kind == ast::SpecItem::Record)
        base = record(*named);
    else if (named && named->kind == ast::SpecItem::Enum)
        base = enumeration(*named);
    else if (named)
        base = named_type(*named);
    else if (!words.empty())
        base = words_type(words, ds.range);
    else if (s.dots)
        base = QualType{};
    else
        error(ds.range, "type specifier missing");
    if (!base) return s.ok = false, s;
    s.type = {base->type, base->quals | quals};
    return s;
}

// int, unsigned long long, long double, ... in any order C allows.
std::optional<QualType> Sema::words_type(std::span<const ast::SpecItem* const> words,
                                         ast::Range range) {
    int longs = 0, shorts = 0, signs = 0, unsigns = 0, complexes = 0, bases = 0;
    std::string_view base;
    for (const ast::SpecItem* w : words) {
        std::string_view word = w->word;
        if (word == "long")
            ++longs;
        else if (word == "short")
            ++shorts;
        else if (word == "signed" || word == "__signed__")
            ++signs;
        else if (word == "unsigned")
            ++unsigns;
        else if (word == "_Complex")
            ++complexes;
        else
            base = word, ++bases;
    }
    std::optional<Prim> prim = resolve_words(base, longs, shorts, signs, unsigns, complexes);
    if (bases > 1 || !prim) {
        std::string all;
        for (const ast::SpecItem* w : words) {
            if (!all.empty()) all += ' ';
            all += w->word;
        }
        error(range, "unsupported or invalid type " + quoted(all));
        return std::nullopt;
    }
    return QualType{m_.types.primitive(*prim), NoQuals};
}

std::optional<QualType> Sema::named_type(const ast::SpecItem& item) {
    if (auto it = typedefs_.find(item.word); it != typedefs_.end())
        return QualType{it->second, NoQuals};
    if (auto it = builtins_.find(item.word); it != builtins_.end()) return it->second;
    auto builtin = builtin_type(item.word);
    if (!builtin) {
        error(item.range, "unknown type name " + quoted(item.word));
        return std::nullopt;
    }
    QualType t;
    if (builtin->spelling == "...") {  // FILE, the only opaque built-in
        // Tagged `_IO_FILE` as CFFI tags it: runtimes share one FILE ctype
        // by that name, across modules. C spells it by its typedef name.
        RecordType* rec = new_record(RecordKind::Struct, "_IO_FILE", {});
        rec->typedef_name = item.word;
        rec->from_dotdotdot_typedef = true;
        m_.records.push_back(rec);
        t = {rec, NoQuals};
    } else if (auto prim = prim_by_name(builtin->spelling)) {
        t = {m_.types.primitive(*prim), NoQuals};
    } else {
        // Spelled with primitives only: resolves the same in every module.
        SourceFile spelling("<built-in " + std::string(item.word) + ">", std::string(builtin->spelling));
        DiagnosticEngine quiet;
        parser::NameSet names(&is_builtin_type_name);
        auto param = parser::parse_type_name(spelling, names, quiet);
        auto resolved = param ? type_name(*param) : std::nullopt;
        if (!resolved) {
            error(item.range,
                  "internal error: built-in type " + quoted(item.word) + " is misspelled");
            return std::nullopt;
        }
        t = *resolved;
    }
    builtins_.emplace(item.word, t);
    return t;
}

Declared Sema::declarator(QualType base, const ast::Declarator& d, CallConv cc, Place place,
                          bool top) {
    Declared out{base, d.name, d.name_range, true};
    if (!d.callconv.empty()) {
        // `int (__stdcall *fp)(int)`: the convention of the function being pointed to.
        if (auto fn = base.type->as<FunctionType>())
            out.type = {
                m_.types.function(fn->result, fn->params, fn->variadic, callconv(d.callconv)),
                base.quals};
        else
            cc = callconv(d.callconv);
    }
    for (const ast::Pointer& p : d.pointers) {
        Quals q = NoQuals;
        for (std::string_view w : p.quals) q = q | qualifier(w);
        out.type = {m_.types.pointer(out.type), q};
    }
    // `[...]` needs storage to measure: the declared object itself, or an
    // item of it through arrays only (`int a[][...]`, as CFFI measures
    // `a[0]`), not a pointer's target or a parameter.
    std::size_t measurable = top && d.nested.empty() ? 1 : 0;
    while (measurable > 0 && measurable <= d.suffixes.size() &&
           d.suffixes[measurable - 1].kind != ast::Suffix::Function)
        ++measurable;
    for (std::size_t i = d.suffixes.size(); i-- > 0;) {
        if (!apply_suffix(out.type, d.suffixes[i], i + 1 < measurable, place, cc))
            return out.ok = false, out;
    }
    if (depth_of(out.type) > kMaxTypeDepth) {  // before a nested declarator adds more
        error(d.range, "type nested too deeply (more than " + std::to_string(kMaxTypeDepth) +
                           " levels of pointers, arrays and functions)");
        return out.ok = false, out;
    }
    if (!d.nested.empty()) {
        Declared inner = declarator(out.type, d.nested.front(), cc, place, top);
        return inner;
    }
    return out;
}

bool Sema::apply_suffix(QualType& type, const ast::Suffix& s, bool measurable, Place place,
                        CallConv& cc) {
    if (s.kind == ast::Suffix::Function) return function_suffix(type, s, cc);
    const Type* elem = type.type->canonical();
    if (is_void(type) || elem->kind == TypeKind::Function) {
        error(s.range, is_void(type) ? "array of 'void'" : "array of functions");
        return false;
    }
    if (auto a = elem->as<ArrayType>(); a && a->length_kind == ArrayLength::Open) {
        error(s.range, "array has an element type of unknown size");
        return false;
    }
    std::uint64_t length = 0;
    ArrayLength kind = ArrayLength::Open;
    if (s.length == ast::Suffix::Dotdot) {
        if (!measurable ||
            !(place == Place::Global || place == Place::Typedef || place == Place::Field)) {
            error(s.range,
                  "'[...]' is allowed only in the arrays of a global variable, a struct "
                  "field or a typedef, not behind a pointer or in a parameter");
            return false;
        }
        kind = ArrayLength::Dotdot;
    } else if (s.length == ast::Suffix::Known) {
        auto n = evaluate(s.size);
        if (!n) return false;
        if (*n < 0) {
            error(s.size.range, "array size is negative (" +
                                    IntValue{static_cast<std::uint64_t>(-*n), true}.to_string() +
                                    ")");
            return false;
        }
        kind = ArrayLength::Known;
        length = static_cast<std::uint64_t>(*n);
    }
    type = {m_.types.array(type, kind, length), NoQuals};
    return true;
}

bool Sema::function_suffix(QualType& type, const ast::Suffix& s, CallConv& cc) {
    const Type* result = type.type->canonical();
    if (result->kind == TypeKind::Array || result->kind == TypeKind::Function) {
        error(s.range, result->kind == TypeKind::Array ? "a function cannot return an array"
                                                       : "a function cannot return a function");
        return false;
    }
    if (s.variadic && s.params.empty()) {  // C before C23 has no `f(...)`; CFFI's cdef refuses it
        error(s.range, "a function that has only '(...)' as parameters is not C; name a parameter first");
        return false;
    }
    std::vector<QualType> params;
    params.reserve(s.params.size());
    // Parameter names, viewed in the file's text (which outlives this loop).
    boost::container::small_vector<std::pair<std::string_view, ast::Range>, 8> names;
    bool ok = true;
    for (const ast::Param& p : s.params) {
        auto d = parameter(p);
        if (!d) {
            ok = false;
            continue;
        }
        if (is_void(d->type)) {
            if (s.params.size() == 1 && d->name.empty() && !s.variadic) break;  // (void)
            if (ok) error(p.range, "'void' must be the only parameter");
            ok = false;
            continue;
        }
        ast::Range r = d->name_range;
        if (!d->name.empty()) names.emplace_back(file_->text().substr(r.begin, r.end - r.begin), r);
        params.push_back(d->type);
    }
    // Duplicates: sorted by name, stably, so the first of a pair comes first.
    sort_stably(names, [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 1; i < names.size(); ++i) {
        if (names[i].first != names[i - 1].first) continue;
        auto& diag = error(names[i].second, "redefinition of parameter " + quoted(names[i].first));
        DiagnosticEngine::add_note(diag, loc(names[i - 1].second), "previous definition is here");
        ok = false;
    }
    if (!ok) return false;
    type = {m_.types.function({type.type, type.quals}, std::move(params), s.variadic, cc), NoQuals};
    cc = CallConv::Default;
    return true;
}

// A parameter, adjusted as C adjusts it: arrays and functions become
// pointers, top-level qualifiers go.
std::optional<Declared> Sema::parameter(const ast::Param& p) {
    Specs s = specs(p.specs, Place::Param);
    if (!s.ok) return std::nullopt;
    Declared d = declarator(s.type, p.decl, s.callconv, Place::Param);
    if (!d.ok) return std::nullopt;
    const Type* t = d.type.type->canonical();
    // An array typedef whose items have `[...]` lengths (`typedef int m_t[...][...]`)
    // stays itself: only C knows what it decays to, and the generated C, like
    // CFFI's, measures its items in the typedef's storage.
    if (auto a = t->as<ArrayType>(); a && !has_dotdot_length(a->element.type))
        d.type = {m_.types.pointer(a->element), NoQuals};
    else if (t->kind == TypeKind::Function)
        d.type = {m_.types.pointer(d.type), NoQuals};
    else
        d.type.quals = NoQuals;
    return d;
}

void Sema::needs_layout(QualType t, Holder holder, std::string_view name, ast::Range range) {
    const Type* c = t.type->canonical();
    while (auto a = c->as<ArrayType>()) c = a->element.type->canonical();
    if (auto rec = c->as<RecordType>()) needs_layout_.push_back({rec, t.type, holder, name, range});
}

std::optional<QualType> Sema::type_name(const ast::Param& param) {
    Specs s = specs(param.specs, Place::TypeName);
    if (!s.ok || s.dots) return std::nullopt;
    Declared d = declarator(s.type, param.decl, s.callconv, Place::TypeName);
    needs_layout_.clear();  // the runtime decides what an incomplete type may do
    if (!d.ok) return std::nullopt;
    if (!d.name.empty()) {
        error(d.name_range, "unexpected name " + quoted(d.name) + " in a type name");
        return std::nullopt;
    }
    return d.type;
}

void Sema::adopt_module_names() {
    for (const Typedef& t : m_.typedefs) typedefs_[t.type->name] = t.type;
    for (const RecordType* r : m_.records)
        if (!r->tag.empty()) tags_[r->tag] = const_cast<RecordType*>(r);
    for (const EnumType* e : m_.enums)
        if (!e->tag.empty()) tags_[e->tag] = const_cast<EnumType*>(e);
}

}  // namespace ffigen::model::sema

namespace ffigen::model {

namespace {
// The module's typedef names, for the grammar.
class ModuleTypeNames final : public parser::TypeNameSet {
public:
    explicit ModuleTypeNames(const Module& m) : m_(m) {}
    bool contains(std::string_view name) const override {
        for (const Typedef& t : m_.typedefs)
            if (t.type->name == name) return true;
        return is_builtin_type_name(name);
    }

private:
    const Module& m_;
};
}  // namespace

std::optional<QualType> resolve_type_name(Module& module, const SourceFile& text,
                                          DiagnosticEngine& diags) {
    ModuleTypeNames names(module);
    auto param = parser::parse_type_name(text, names, diags);
    if (!param) return std::nullopt;
    sema::Sema sema(module, text, diags, {});
    sema.adopt_module_names();
    return sema.type_name(*param);
}

}  // namespace ffigen::model
