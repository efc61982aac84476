#include "parser/parse.hpp"

#include <algorithm>
#include <cctype>

#include "parser/grammar.hpp"
#include "parser/keywords.hpp"
#include "parser/prepass.hpp"

namespace ffigen::parser {

namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The length of the token at p, for the caret's underline.
std::uint32_t token_length(const char* p, const char* end) {
    const char* q = p;
    while (q < end && is_ident(*q)) ++q;
    return q == p ? 1 : static_cast<std::uint32_t>(q - p);
}

// Where a failed declaration ends: the first `;` at brace depth 0 after
// the failure, or the `}` that closes a function body. Depth is counted
// from the declaration's start, so that an error inside a struct body skips
// the whole struct.
const char* recovery_point(const char* start, const char* failed, const char* end) {
    int depth = 0;
    bool body = failed < end && *failed == '{';
    for (const char* p = start; p < end; ++p) {
        if (*p == '{')
            ++depth;
        else if (*p == '}') {
            if (depth > 0) --depth;
            if (p >= failed && depth == 0 && body) return p + 1;
        } else if (*p == ';' && depth == 0 && p >= failed) {
            return p + 1;
        }
    }
    return end;
}

// Adds the names a successful typedef declares, so that the next
// declarations read them as type names.
void note_typedef_names(const ast::Declaration& decl, NameSet& names) {
    bool is_typedef = std::any_of(decl.specs.items.begin(), decl.specs.items.end(), [](auto& i) {
        return i.kind == ast::SpecItem::Word && i.word == "typedef";
    });
    if (!is_typedef) return;
    for (const ast::Declarator& d : decl.declarators) {
        const ast::Declarator* inner = &d;
        while (inner->name.empty() && !inner->nested.empty()) inner = &inner->nested.front();
        if (!inner->name.empty()) names.add(std::string(inner->name));
    }
}

class CdefParser {
public:
    CdefParser(const SourceFile& file, DiagnosticEngine& diags, BuiltinTypePredicate builtin,
               const ItemSink& sink, const std::vector<std::string>& known_types)
        : file_(file), diags_(diags), names_(builtin), sink_(sink) {
        for (const std::string& name : known_types) names_.add(name);
    }

    void run() {
        Prepassed pre = prepass(file_, diags_);
        text_ = pre.text.data();
        end_ = text_ + pre.text.size();
        state_.base = text_;
        state_.source = file_.text().data();
        state_.type_names = &names_;
        std::size_t next_directive = 0;
        const char* p = skip_spaces(text_);
        while (p < end_) {
            next_directive = take_directives(pre, next_directive, offset(p));
            p = skip_spaces(item(p));
        }
        take_directives(pre, next_directive, static_cast<std::uint32_t>(pre.text.size()));
        if (block_ != ast::ExternBlock::None)
            diags_.error({&file_, block_start_}, "'extern \"Python\" {' is not closed", 6);
    }

private:
    std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - text_); }

    const char* skip_spaces(const char* p) const {
        while (p < end_ && is_space(*p)) ++p;
        return p;
    }

    std::size_t take_directives(Prepassed& pre, std::size_t next, std::uint32_t before) {
        for (; next < pre.directives.size(); ++next) {
            auto begin = std::visit([](auto& d) { return d.range.begin; }, pre.directives[next]);
            if (begin >= before) break;
            sink_(std::move(pre.directives[next]));
        }
        return next;
    }

    // Parses the item at p; returns where the next one may start.
    const char* item(const char* p) {
        if (*p == '}' && block_ != ast::ExternBlock::None) {
            block_ = ast::ExternBlock::None;
            return p + 1;
        }
        if (const char* after = extern_block(p)) return after;
        return declaration(p);
    }

    const char* extern_block(const char* p) {
        if (*p != 'e') return nullptr;
        const char* q = p;
        std::string which;
        if (!grammar::extern_block().parse(q, end_, context(), x3::unused, which)) return nullptr;
        if (block_ != ast::ExternBlock::None) {
            diags_.error({&file_, offset(p)}, "'extern \"Python\" {' blocks cannot nest", 6);
        } else if (which == "Python" || which == "Python+C") {
            block_ = which == "Python" ? ast::ExternBlock::Python : ast::ExternBlock::PythonPlusC;
            block_start_ = offset(p);
        } else {
            diags_.error({&file_, offset(p)},
                         "unknown 'extern \"" + which + "\"': expected \"Python\" or \"Python+C\"",
                         6);
        }
        return q;
    }

    const char* declaration(const char* start) {
        const char* p = start;
        ast::Declaration decl;
        state_.depth = 0;
        try {
            if (grammar::declaration().parse(p, end_, context(), x3::unused, decl)) {
                decl.block = block_;
                note_typedef_names(decl, names_);
                sink_(ast::Item(std::move(decl)));
                return p;
            }
            return fail(start, start, "expected a declaration");
        } catch (const x3::expectation_failure<const char*>& e) {
            const char* at = e.where();
            if (at < end_ && *at == '{')
                return fail(start, at,
                            "function bodies are not allowed in cdef: declare the "
                            "function only, its body goes in the C source");
            std::string_view word(at, token_length(at, end_));
            if (word_role(word) == WordRole::Unsupported)
                return fail(start, at,
                            "'" + std::string(word) +
                                "' is not supported in cdef (CFFI does not accept it)");
            return fail(start, at, "expected " + e.which());
        } catch (const UnsupportedConstruct& e) {
            diags_.error({&file_, offset(e.where)}, e.message, e.length);
            return recovery_point(start, e.where, end_);
        }
    }

    const char* fail(const char* start, const char* at, std::string message) {
        at = skip_spaces(at);
        diags_.error({&file_, offset(at)}, std::move(message), token_length(at, end_));
        return recovery_point(start, at, end_);
    }

    context_type context() { return context_type(state_, skip_); }

    const SourceFile& file_;
    DiagnosticEngine& diags_;
    NameSet names_;
    ParseState state_;
    skip_context_type skip_{x3::ascii::space};  // the contexts made by context() refer to it
    const char* text_ = nullptr;
    const char* end_ = nullptr;
    ast::ExternBlock block_ = ast::ExternBlock::None;
    std::uint32_t block_start_ = 0;
    const ItemSink& sink_;
};

}  // namespace

void parse_cdef(const SourceFile& file, DiagnosticEngine& diags, BuiltinTypePredicate builtin,
                const ItemSink& sink, const std::vector<std::string>& known_types) {
    CdefParser(file, diags, builtin, sink, known_types).run();
}

ast::Unit parse_cdef(const SourceFile& file, DiagnosticEngine& diags,
                     BuiltinTypePredicate builtin) {
    ast::Unit unit;
    parse_cdef(file, diags, builtin,
               [&](ast::Item&& item) { unit.items.push_back(std::move(item)); });
    return unit;
}

std::optional<ast::Param> parse_type_name(const SourceFile& text, const TypeNameSet& names,
                                          DiagnosticEngine& diags) {
    std::string_view s = text.text();
    const char* p = s.data();
    const char* end = p + s.size();
    ParseState state{p, p, &names, 0};
    skip_context_type skip(x3::ascii::space);
    context_type ctx(state, skip);
    ast::Param result;
    const char* at = p;
    std::string message = "expected a type name";
    try {
        if (grammar::type_name().parse(at, end, ctx, x3::unused, result)) {
            while (at < end && is_space(*at)) ++at;
            if (at == end) return result;
            message = "unexpected text after the type name";
        }
    } catch (const x3::expectation_failure<const char*>& e) {
        at = e.where();
        message = "expected " + e.which();
    } catch (const UnsupportedConstruct& e) {
        at = e.where;
        message = e.message;
    }
    while (at < end && is_space(*at)) ++at;
    diags.error({&text, static_cast<std::uint32_t>(at - p)}, message, token_length(at, end));
    return std::nullopt;
}

}  // namespace ffigen::parser
