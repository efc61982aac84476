// Sema: struct, union and enum specifiers, their bodies and redefinitions.
#include <algorithm>

#include "model/sema_impl.hpp"

namespace ffigen::model::sema {

namespace {

bool same_fields(const std::vector<Field>& a, const std::vector<Field>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Field& x, const Field& y) {
        return x.name == y.name && x.type == y.type && x.bit_width == y.bit_width;
    });
}

bool same_enumerators(const std::vector<Enumerator>& a, const std::vector<Enumerator>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const Enumerator& x, const Enumerator& y) {
                          return x.name == y.name && x.value == y.value;
                      });
}

// Bitfields may also be of a char type.
bool is_bitfield_integer(const Type* t) {
    if (t->kind == TypeKind::Enum || t->kind == TypeKind::UnknownInt) return true;
    auto p = t->as<PrimitiveType>();
    if (!p) return false;
    PrimClass c = prim_info(p->prim).cls;
    return c == PrimClass::Signed || c == PrimClass::Unsigned || c == PrimClass::Bool ||
           c == PrimClass::Char;
}

// As in CFFI, the C compiler lays out a struct with a `[...]` length in a
// field (its offsets and size depend on it), or with a field that is such
// a struct itself.
bool makes_partial(const Field& f) {
    if (has_dotdot_length(f.type.type)) return true;
    auto r = f.type.type->canonical()->as<RecordType>();
    return r && r->record_kind == RecordKind::Struct && r->completeness == Completeness::Partial;
}

}  // namespace

std::optional<QualType> Sema::record(const ast::SpecItem& item) {
    RecordKind kind = item.word == "union" ? RecordKind::Union : RecordKind::Struct;
    RecordType* rec = nullptr;
    if (item.tag.empty() && !item.body) {
        error(item.range, "expected a tag or '{' after " + quoted(item.word));
        return std::nullopt;
    }
    if (item.tag.empty()) {
        rec = new_record(kind, "", loc(item.range));
        m_.records.push_back(rec);
    } else if (auto it = tags_.find(item.tag); it != tags_.end()) {
        rec = const_cast<RecordType*>(it->second->as<RecordType>());
        if (!rec || rec->record_kind != kind) {
            auto& d =
                error(item.tag_range, quoted(item.tag) + " was declared as another kind of tag");
            const Type* prev = it->second;
            SourceLoc at = rec ? rec->loc : prev->as<EnumType>()->loc;
            DiagnosticEngine::add_note(d, at, "previous declaration is here");
            return std::nullopt;
        }
    } else {
        rec = new_record(kind, std::string(item.tag), loc(item.tag_range));
        tags_.emplace(item.tag, rec);
        m_.records.push_back(rec);
    }
    if (item.body) record_body(rec, item);
    return QualType{rec, NoQuals};
}

void Sema::record_body(RecordType* rec, const ast::SpecItem& item) {
    std::vector<Field> fields;
    fields.reserve(item.body->members.size());  // usually one field per member: no regrowth
    bool ok = true, partial = false;
    for (std::size_t i = 0; i < item.body->members.size(); ++i) {
        const ast::MemberDecl& m = item.body->members[i];
        if (!m.dotdotdot) {
            std::size_t before = fields.size();
            ok = member(m, fields) && ok;
            for (std::size_t f = before; f < fields.size(); ++f) partial |= makes_partial(fields[f]);
        } else if (i + 1 != item.body->members.size()) {
            error(m.range, "'...;' must be the last member");
            ok = false;
        } else {
            partial = true;
        }
    }
    // Duplicates: the named fields sorted by name (stable: the first stays first).
    std::vector<const Field*> named;
    named.reserve(fields.size());
    for (const Field& f : fields)
        if (!f.name.empty()) named.push_back(&f);
    sort_stably(named, [](auto* a, auto* b) { return a->name < b->name; });
    for (std::size_t i = 1; i < named.size(); ++i) {
        if (named[i]->name != named[i - 1]->name) continue;
        auto& d = diags_->error(named[i]->loc, "duplicate member " + quoted(named[i]->name),
                               static_cast<std::uint32_t>(named[i]->name.size()));
        DiagnosticEngine::add_note(d, named[i - 1]->loc, "previous declaration is here");
        ok = false;
    }
    bool bitfields =
        std::any_of(fields.begin(), fields.end(), [](auto& f) { return f.bit_width >= 0; });
    if (partial && bitfields) {
        error(item.range, "using both bitfields and '...;' in one struct is not supported");
        ok = false;
    }
    if (!ok) return;
    Completeness completeness = partial ? Completeness::Partial : Completeness::Complete;
    SourceLoc at = loc(item.tag.empty() ? item.range : item.tag_range);
    if (rec->completeness == Completeness::Opaque && rec->owner != owner_)
        return ignore_included_opaque(rec, at);
    if (rec->completeness != Completeness::Opaque) {
        if (rec->completeness == completeness && same_fields(rec->fields, fields)) return;
        if (!may_override(rec->loc)) {
            conflict(quoted(spell({rec, NoQuals})), at, rec->loc);
            return;
        }
    }
    rec->fields = std::move(fields);
    rec->completeness = completeness;
    rec->pack = pack_;
    rec->loc = at;
}

bool Sema::member(const ast::MemberDecl& m, std::vector<Field>& fields) {
    Specs s = specs(m.specs, Place::Field);
    if (!s.ok) return false;
    bool anonymous =
        m.decls.empty() || (m.decls.size() == 1 && !m.decls[0].has_width &&
                            m.decls[0].decl.name.empty() && m.decls[0].decl.pointers.empty() &&
                            m.decls[0].decl.suffixes.empty() && m.decls[0].decl.nested.empty());
    if (anonymous) {
        // `struct { int a; };` inside a struct is an anonymous member;
        // `struct tag { ... };` only declares the tag.
        auto rec = s.type.type->as<RecordType>();
        if (rec && rec->tag.empty())
            fields.push_back(Field{"", s.type, -1, loc(m.range)});
        else if (!s.declares_tag)
            error(m.range, "declaration does not declare anything");
        return true;
    }
    bool ok = true;
    for (const ast::MemberDeclarator& md : m.decls) {
        Declared d = declarator(s.type, md.decl, s.callconv, Place::Field);
        if (!d.ok) {
            ok = false;
            continue;
        }
        ast::Range at = d.name.empty() ? md.range : d.name_range;
        const Type* canon = d.type.type->canonical();
        // Built only for an error message.
        auto what = [&] { return d.name.empty() ? "an unnamed field" : "field " + quoted(d.name); };
        if (auto p = canon->as<PrimitiveType>(); p && p->prim == Prim::Void) {
            error(at, what() + " has type 'void'");
            ok = false;
            continue;
        }
        if (canon->kind == TypeKind::Function) {
            error(at, what() + " is declared as a function (use a function pointer)");
            ok = false;
            continue;
        }
        int width = -1;
        if (md.has_width) {
            auto w = evaluate(md.width);
            if (!w) {
                ok = false;
                continue;
            }
            auto p = canon->as<PrimitiveType>();
            std::string name = d.name.empty() ? "unnamed bit-field" : "bit-field " + quoted(d.name);
            if (!is_bitfield_integer(canon)) {
                error(at, name + " has a non-integer type");
                ok = false;
            } else if (*w < 0) {
                error(md.width.range, name + " has a negative width");
                ok = false;
            } else if (*w == 0 && !d.name.empty()) {
                error(md.width.range, "named " + name + " has zero width");
                ok = false;
            } else if (p && *w > prim_info(p->prim).max_bits) {
                error(md.width.range, "width of " + name + " (" +
                                          std::to_string(static_cast<long long>(*w)) +
                                          " bits) exceeds the width of its type (" +
                                          std::to_string(prim_info(p->prim).max_bits) + " bits)");
                ok = false;
            } else if (*w > 64) {
                error(md.width.range, "width of " + name + " exceeds 64 bits");
                ok = false;
            }
            width = static_cast<int>(std::clamp<Wide>(*w, -1, 64));
        } else if (d.name.empty()) {
            error(md.range, "expected a member name");
            ok = false;
            continue;
        }
        needs_layout(d.type, Holder::Field, d.name, at);
        fields.push_back(Field{std::string(d.name), d.type, width, loc(at)});
    }
    return ok;
}

std::optional<QualType> Sema::enumeration(const ast::SpecItem& item) {
    EnumType* e = nullptr;
    if (item.tag.empty() && !item.body) {
        error(item.range, "expected a tag or '{' after 'enum'");
        return std::nullopt;
    }
    if (item.tag.empty()) {
        e = new_enum("", loc(item.range));
        m_.enums.push_back(e);
    } else if (auto it = tags_.find(item.tag); it != tags_.end()) {
        e = const_cast<EnumType*>(it->second->as<EnumType>());
        if (!e) {
            auto& d =
                error(item.tag_range, quoted(item.tag) + " was declared as another kind of tag");
            DiagnosticEngine::add_note(d, it->second->as<RecordType>()->loc,
                                       "previous declaration is here");
            return std::nullopt;
        }
    } else {
        e = new_enum(std::string(item.tag), loc(item.tag_range));
        tags_.emplace(item.tag, e);
        m_.enums.push_back(e);
    }
    if (item.body) enum_body(e, item);
    return QualType{e, NoQuals};
}

void Sema::enum_body(EnumType* e, const ast::SpecItem& item) {
    if (item.body->partial && !item.body->enumerators.empty() &&
        item.body->enumerators.back().range.begin > item.body->dots_range.begin) {
        error(item.body->dots_range, "'...' must be the last item of an enum");
        return;
    }
    std::vector<Enumerator> list;
    list.reserve(item.body->enumerators.size());
    bool partial = item.body->partial || std::any_of(item.body->enumerators.begin(), item.body->enumerators.end(),
                                                     [](const ast::Enumerator& en) { return en.dots; });
    std::optional<Wide> next = 0;
    for (const ast::Enumerator& en : item.body->enumerators) {
        std::optional<Wide> value = en.dots ? std::nullopt : next;
        if (!en.value.tokens.empty()) value = evaluate(en.value);
        if (value && (*value > INT64_MAX || *value < INT64_MIN)) {
            error(en.value.range, "enumerator value does not fit in 64 bits");
            value.reset();
        }
        next = value ? std::optional<Wide>(*value + 1) : std::nullopt;
        if (partial) value.reset();  // the C compiler gives every value
        SourceLoc at = loc(en.range);
        std::optional<std::int64_t> stored;
        if (value) stored = static_cast<std::int64_t>(*value);
        list.push_back(Enumerator{std::string(en.name), stored, at});
        if (auto td = typedefs_.find(en.name); td != typedefs_.end()) {
            conflict(quoted(en.name) + " (a typedef name)", at, td->second->loc);
            continue;
        }
        if (auto it = lib_names_.find(en.name); it != lib_names_.end()) {
            bool same = it->second.kind == LibKind::Enumerator && it->second.int_value == value;
            if (same) continue;
            if (!may_override(it->second.loc)) {
                conflict(quoted(en.name), at, it->second.loc);
                continue;
            }
            unbind(std::string(en.name));
        }
        lib_names_.insert_or_assign(std::string(en.name), LibName{LibKind::Enumerator, 0, at, true, value});
    }
    if (!e->complete && defined_elsewhere(e->owner, loc(item.tag_range), e->loc)) return;
    if (e->complete) {
        if (e->partial == partial && same_enumerators(e->enumerators, list)) return;
        if (!may_override(e->loc)) {
            conflict(quoted(spell({e, NoQuals})), loc(item.tag_range), e->loc);
            return;
        }
    }
    e->enumerators = std::move(list);
    e->partial = partial;
    e->complete = true;
    if (!item.tag.empty()) e->loc = loc(item.tag_range);
}

}  // namespace ffigen::model::sema
