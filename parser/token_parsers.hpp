// X3 primitive parsers over the lexer's tokens: one token of a given kind,
// a given punctuator, a given keyword. Each matches exactly one token and
// has that token (`const Token*`) as its attribute, from which actions take
// the text (see `text_of` in grammar_def.hpp) and the byte range.
#pragma once

#include <string>
#include <string_view>

#include "parser/grammar_config.hpp"

namespace ffigen::parser::grammar {

// One token for which test(token, source text) holds. `name` is what an
// expectation failure says was expected ("';'", "an identifier"), worded
// as X3's own literals were before the lexer, so that messages stay.
template <class Test>
struct token_parser : x3::parser<token_parser<Test>> {
    using attribute_type = const Token*;
    static const bool has_attribute = true;

    constexpr token_parser(Test test, const char* name) : test(test), name(name) {}

    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, const It& last, const Ctx& ctx, RCtx&, Attr& attr) const {
        if (first == last || !test(*first, x3::get<state_tag>(ctx).source)) return false;
        x3::traits::move_to(first, attr);
        ++first;
        return true;
    }

    Test test;
    const char* name;
};
template <class Test>
constexpr token_parser<Test> token_if(const char* name, Test test) {
    return {test, name};
}

inline std::string_view token_text(const Token& t, const char* source) {
    return {source + t.offset, t.length};
}

// A token of kind K.
template <TokenKind K>
constexpr auto kind_token(const char* name) {
    return token_if(name, [](const Token& t, const char*) { return t.kind == K; });
}

// The punctuator C, named as X3 named a character literal: 'C'.
template <char C>
inline constexpr char quoted_char[] = {'\'', C, '\'', '\0'};
template <char C>
constexpr auto punct() {
    return token_if(quoted_char<C>, [](const Token& t, const char*) { return t.is(C); });
}

// An identifier spelled `word` (a keyword: the role narrows it first).
template <WordRole Role>
auto keyword(const char* word) {
    return token_if(word, [word = std::string_view(word)](const Token& t, const char* source) {
        return t.kind == TokenKind::Identifier && t.role == Role && token_text(t, source) == word;
    });
}

// Any initializer that is not a constant expression (`1.5`, `"s"`,
// `{1, 2}`): one or more tokens up to a ',' or ';' outside brackets. Its
// attribute is the first token; the value is never read (CFFI ignores it).
struct skipped_initializer : x3::parser<skipped_initializer> {
    using attribute_type = const Token*;
    static const bool has_attribute = true;

    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, const It& last, const Ctx&, RCtx&, Attr& attr) const {
        int depth = 0;
        It p = first;
        for (; p != last && p->kind != TokenKind::End; ++p) {
            if (depth == 0 && (p->is(',') || p->is(';'))) break;
            if (p->is('(') || p->is('[') || p->is('{')) ++depth;
            if ((p->is(')') || p->is(']') || p->is('}')) && --depth < 0) return false;
        }
        if (p == first || depth != 0) return false;
        x3::traits::move_to(first, attr);
        first = p;
        return true;
    }
};

}  // namespace ffigen::parser::grammar

namespace boost::spirit::x3 {
template <>
struct get_info<ffigen::parser::grammar::skipped_initializer> {
    using result_type = std::string;
    std::string operator()(const ffigen::parser::grammar::skipped_initializer&) const { return "an initializer"; }
};
template <class Test>
struct get_info<ffigen::parser::grammar::token_parser<Test>> {
    using result_type = std::string;
    std::string operator()(const ffigen::parser::grammar::token_parser<Test>& p) const {
        return p.name;
    }
};
}  // namespace boost::spirit::x3
