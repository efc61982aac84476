#include "parser/parse.hpp"

#include <algorithm>
#include <cctype>

#include "parser/grammar.hpp"
#include "parser/keywords.hpp"
#include "parser/lexer.hpp"
#include "parser/directives.hpp"

namespace ffigen::parser {

namespace {

bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The length of the caret's underline at `offset`: the word there, or one
// character (also for a punctuator of several, as before the lexer).
std::uint32_t underline_length(std::string_view text, std::uint32_t offset) {
    std::size_t q = offset;
    while (q < text.size() && is_ident(text[q])) ++q;
    return q == offset ? 1 : static_cast<std::uint32_t>(q - offset);
}

// Where a failed declaration ends: the first `;` at brace depth 0 from the
// failed token on, or, when the failure was at a `{` (`body`), the `}`
// that closes that function body. Depth is counted from the declaration's
// start, so that an error inside a struct body skips the whole struct.
const Token* recovery_point(const Token* start, const Token* failed, bool body, const Token* end) {
    int depth = 0;
    for (const Token* p = start; p < end; ++p) {
        if (p->is('{'))
            ++depth;
        else if (p->is('}')) {
            if (depth > 0) --depth;
            if (p >= failed && depth == 0 && body) return p + 1;
        } else if (p->is(';') && depth == 0 && p >= failed) {
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
        CdefTokens lexed = lex_cdef(file_.text());
        if (lexed.unterminated_comment)
            diags_.error({&file_, *lexed.unterminated_comment}, "unterminated comment", 2);
        std::vector<ast::Item> directives = read_directives(file_, lexed.directives, diags_);
        tokens_ = std::move(lexed.tokens);
        end_ = &tokens_.back();
        state_.source = file_.text().data();
        state_.type_names = &names_;
        std::size_t next_directive = 0;
        const Token* p = tokens_.data();
        while (p < end_) {
            next_directive = take_directives(directives, next_directive, p->offset);
            p = item(p);
        }
        take_directives(directives, next_directive, static_cast<std::uint32_t>(file_.text().size()));
        if (block_ != ast::ExternBlock::None)
            diags_.error({&file_, block_start_}, "'extern \"Python\" {' is not closed", 6);
    }

private:
    // Directives reach the sink between the declarations, in source order.
    std::size_t take_directives(std::vector<ast::Item>& directives, std::size_t next, std::uint32_t before) {
        for (; next < directives.size(); ++next) {
            auto begin = std::visit([](auto& d) { return d.range.begin; }, directives[next]);
            if (begin >= before) break;
            sink_(std::move(directives[next]));
        }
        return next;
    }

    // Parses the item at p; returns where the next one may start.
    const Token* item(const Token* p) {
        if (p->is('}') && block_ != ast::ExternBlock::None) {
            block_ = ast::ExternBlock::None;
            return p + 1;
        }
        if (const Token* after = extern_block(p)) return after;
        return declaration(p);
    }

    const Token* extern_block(const Token* p) {
        if (p->role != WordRole::Storage) return nullptr;
        const Token* q = p;
        std::string which;
        if (!grammar::extern_block().parse(q, end_, context(), x3::unused, which)) return nullptr;
        if (block_ != ast::ExternBlock::None) {
            diags_.error({&file_, p->offset}, "'extern \"Python\" {' blocks cannot nest", 6);
        } else if (ast::ExternBlock kind = ast::extern_kind(which); kind != ast::ExternBlock::None) {
            block_ = kind;
            block_start_ = p->offset;
        } else {
            diags_.error({&file_, p->offset},
                         "unknown 'extern \"" + which + "\"': expected \"Python\" or \"Python+C\"",
                         6);
        }
        return q;
    }

    const Token* declaration(const Token* start) {
        const Token* p = start;
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
        } catch (const x3::expectation_failure<const Token*>& e) {
            const Token* at = e.where();
            if (at->is('{'))
                return fail(start, at,
                            "function bodies are not allowed in cdef: declare the "
                            "function only, its body goes in the C source");
            if (at->kind == TokenKind::Identifier && at->role == WordRole::Unsupported)
                return fail(start, at,
                            "'" + std::string(file_.text().substr(at->offset, at->length)) +
                                "' is not supported in cdef (CFFI does not accept it)");
            return fail(start, at, "expected " + e.which());
        } catch (const UnsupportedConstruct& e) {
            diags_.error({&file_, e.offset}, e.message, e.length);
            bool body = e.offset == e.at->offset && e.at->is('{');
            return recovery_point(start, e.at, body, end_);
        }
    }

    const Token* fail(const Token* start, const Token* at, std::string message) {
        diags_.error({&file_, at->offset}, std::move(message),
                     underline_length(file_.text(), at->offset));
        return recovery_point(start, at, at->is('{'), end_);
    }

    context_type context() { return context_type(state_); }

    const SourceFile& file_;
    DiagnosticEngine& diags_;
    NameSet names_;
    ParseState state_;
    std::vector<Token> tokens_;
    const Token* end_ = nullptr;  // the End token
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
    std::vector<Token> tokens = lex(text.text());
    const Token* end = &tokens.back();
    ParseState state{text.text().data(), &names, 0};
    context_type ctx(state);
    ast::Param result;
    const Token* at = tokens.data();
    std::uint32_t offset = 0;
    std::string message = "expected a type name";
    try {
        if (grammar::type_name().parse(at, end, ctx, x3::unused, result)) {
            if (at == end) return result;
            message = "unexpected text after the type name";
        }
        offset = at->offset;
    } catch (const x3::expectation_failure<const Token*>& e) {
        offset = e.where()->offset;
        message = "expected " + e.which();
    } catch (const UnsupportedConstruct& e) {
        offset = e.at->offset;  // (after the spaces, as always here)
        message = e.message;
    }
    diags.error({&text, offset}, message, underline_length(text.text(), offset));
    return std::nullopt;
}

}  // namespace ffigen::parser
