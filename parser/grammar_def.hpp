// The cdef grammar: C declarations as CFFI's cdef() takes them.
//
// Rules build the AST through semantic actions that fill `_val`, so that a
// failed alternative never leaves half a node behind (a rule's attribute is
// local until the rule succeeds); every rule's body goes through ranged[],
// which stores the node's byte range. There is no ast_adapted.hpp: no rule
// relies on Fusion's automatic attribute propagation.
//
// The typedef-name ambiguity of C (`foo_t * x;` declares x, or multiplies?)
// is settled as a C compiler settles it: an identifier is a type name when
// the parse state's TypeNameSet says so (the typedefs declared by earlier
// declarations, and the built-in names), and only where no other type
// specifier came first (`typedef int T; void f(T T);` is legal C). An
// identifier that is NOT a known type name is still read as one when it
// stands where a type must be (first, and followed by a name, `*`, `[`, `,`
// or `)`), so that sema can say "unknown type name 'uint32'" instead of a
// syntax error.
//
// The grammar reads the lexer's tokens (parser/lexer.hpp), not characters:
// its primitives (token_parsers.hpp) each match one token, and a node's
// byte range runs from its first token's offset to its last token's end.
//
// Nesting (parenthesised declarators, parameter lists, struct bodies,
// parenthesised expressions) goes through `deep[...]`, which stops at
// kMaxNesting levels so that no input can exhaust the stack.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "parser/ast.hpp"
#include "parser/grammar.hpp"
#include "parser/grammar_config.hpp"
#include "parser/grammar_directives.hpp"
#include "parser/keywords.hpp"
#include "parser/token_parsers.hpp"

namespace ffigen::parser::grammar {

using x3::_attr;
using x3::_pass;
using x3::_val;

// ---------------------------------------------------------------------------
// Helpers

using TokenRange = boost::iterator_range<const Token*>;

// The byte range of one token, or of what a raw[] parser matched (an empty
// match sits where the next token starts).
inline ast::Range span(const Token* t) { return {t->offset, t->end()}; }
inline ast::Range span(const TokenRange& r) {
    if (r.empty()) return {r.begin()->offset, r.begin()->offset};
    return {r.begin()->offset, (r.end() - 1)->end()};
}
// The range of the matched token(s) (the action's attribute). X3's _where()
// is not used: in an action it spans from the end of the match.
template <class Ctx>
ast::Range matched(const Ctx& ctx) {
    return span(_attr(ctx));
}

// ranged(p): p, and the node's range set to what p matched. (Not done in
// an on_success handler: the rules have semantic actions, so X3 hands
// on_success an unused attribute instead of the node.)
const auto set_range = [](auto& ctx) { _val(ctx).range = matched(ctx); };
template <class Parser>
auto ranged(const Parser& p) {
    return x3::raw[p][set_range];
}

// A token's characters in the file's own text (which the lexer read), for
// the AST to keep.
template <class Ctx>
std::string_view text_of(const Ctx& ctx, const Token* t) {
    return token_text(*t, x3::get<state_tag>(ctx).source);
}

// A string literal's contents, without the quotes.
inline ast::Range string_contents(const Token* t) { return {t->offset + 1, t->end() - 1}; }

// Whether the token after an unknown identifier shows it stands for a type.
inline bool followed_like_a_type(const Token& next) {
    return next.kind == TokenKind::Identifier || next.is('*') || next.is('[') || next.is(',') ||
           next.is(')');
}

// ---------------------------------------------------------------------------
// Tokens

const auto word = kind_token<TokenKind::Identifier>("an identifier");
const auto int_literal = kind_token<TokenKind::Integer>("an integer literal");
const auto string_literal = kind_token<TokenKind::String>("a string literal");
const auto char_literal = kind_token<TokenKind::Char>("a character literal");
const auto dots = kind_token<TokenKind::Ellipsis>("\"...\"");
const auto semicolon = punct<';'>();
const auto comma = punct<','>();
const auto colon = punct<':'>();
const auto equals = punct<'='>();
const auto star = punct<'*'>();
const auto lparen = punct<'('>();
const auto rparen = punct<')'>();
const auto lbracket = punct<'['>();
const auto rbracket = punct<']'>();
const auto lbrace = punct<'{'>();
const auto rbrace = punct<'}'>();
const auto kw_extern = keyword<WordRole::Storage>("extern");
const auto kw_enum = keyword<WordRole::Tag>("enum");
const auto kw_struct_or_union = token_if("'struct' or 'union'", [](const Token& t, const char* s) {
    return t.kind == TokenKind::Identifier && t.role == WordRole::Tag &&
           token_text(t, s) != "enum";
});

// ---------------------------------------------------------------------------
// Rules

struct identifier_class;
struct decl_specs_class;
struct record_spec_class;
struct member_decl_class;
struct member_declarator_class;
struct enum_spec_class;
struct enumerator_class;
struct declarator_class;
struct nested_declarator_class;
struct pointer_class;
struct array_suffix_class;
struct function_suffix_class;
struct param_class;
struct const_expr_class;
struct declaration_class;
struct type_name_class;
struct extern_block_class;

const x3::rule<identifier_class, std::string_view> identifier = "an identifier";
const x3::rule<decl_specs_class, ast::DeclSpecs> decl_specs = "a type";
const x3::rule<record_spec_class, ast::SpecItem> record_spec = "a struct or union";
const x3::rule<member_decl_class, ast::MemberDecl> member_decl = "a member declaration";
const x3::rule<member_declarator_class, ast::MemberDeclarator> member_declarator = "a member";
const x3::rule<enum_spec_class, ast::SpecItem> enum_spec = "an enum";
const x3::rule<enumerator_class, ast::Enumerator> enumerator = "an enumerator";
const x3::rule<declarator_class, ast::Declarator> declarator = "a declarator";
const x3::rule<nested_declarator_class, ast::Declarator> nested_declarator = "a declarator";
const x3::rule<pointer_class, ast::Pointer> pointer = "'*'";
const x3::rule<array_suffix_class, ast::Suffix> array_suffix = "an array size";
const x3::rule<function_suffix_class, ast::Suffix> function_suffix = "a parameter list";
const x3::rule<param_class, ast::Param> param = "a parameter";
const x3::rule<const_expr_class, ast::Expr> const_expr = "a constant expression";
const declaration_type declaration_rule = "a declaration";
const type_name_type type_name_rule = "a type name";
const extern_block_type extern_block_rule = "'extern \"Python\" {'";

// identifier = word - keyword
const auto take_name = [](auto& ctx) {
    if (_attr(ctx)->role != WordRole::None)
        _pass(ctx) = false;
    else
        _val(ctx) = text_of(ctx, _attr(ctx));
};
const auto identifier_def = word[take_name];

// decl_specs = +( record_spec | enum_spec | 'extern' string | '...' | specifier word | type name )
// Lists start with room for a few elements: most declarations have a few
// specifiers and parameters, and growing one element at a time reallocates.
template <class Vector, class T>
void push_reserved(Vector& v, T&& x) {
    if (v.capacity() == 0) v.reserve(4);
    v.push_back(std::forward<T>(x));
}
const auto push_item = [](auto& ctx) {
    _val(ctx).has_type_specifier = true;  // struct, union or enum
    push_reserved(_val(ctx).items, std::move(_attr(ctx)));
};
// `...` is a specifier only after something (`typedef ... t;`, `typedef int... t;`),
// so that the `...` closing a parameter list is not read as a parameter.
const auto push_dots = [](auto& ctx) {
    if (_val(ctx).items.empty()) {
        _pass(ctx) = false;
        return;
    }
    _val(ctx).has_type_specifier = true;
    ast::SpecItem item;
    item.kind = ast::SpecItem::Dotdotdot;
    item.range = matched(ctx);
    item.word = "...";
    _val(ctx).items.push_back(std::move(item));
};
const auto push_extern_python = [](auto& ctx) {
    ast::SpecItem item;
    item.kind = ast::SpecItem::ExternPython;
    item.range = string_contents(_attr(ctx));  // as before the lexer: the contents only
    item.word = x3::get<state_tag>(ctx).source + item.range.begin;
    item.word = item.word.substr(0, item.range.end - item.range.begin);
    _val(ctx).items.push_back(std::move(item));
};
const auto push_spec_word = [](auto& ctx) {
    const Token* t = _attr(ctx);
    std::string_view w = text_of(ctx, t);
    ast::DeclSpecs& specs = _val(ctx);
    ast::SpecItem::Kind kind = ast::SpecItem::Word;
    const WordRole role = t->role;
    switch (role) {
        case WordRole::Unsupported:
            throw UnsupportedConstruct{
                t, t->offset, t->length,
                "'" + std::string(w) + "' is not supported in cdef (CFFI does not accept it)"};
        case WordRole::Tag:
            _pass(ctx) = false;
            return;
        case WordRole::Storage:
            // extern "Python" (or an unterminated string, which fails there)
            if (w == "extern" && (t[1].kind == TokenKind::String || t[1].is('"'))) {
                _pass(ctx) = false;
                return;
            }
            break;
        case WordRole::None: {
            const ParseState& state = x3::get<state_tag>(ctx);
            // The look at the next token is cheap and usually settles it:
            // the set lookup comes second.
            if (specs.has_type_specifier ||
                !(followed_like_a_type(t[1]) || state.type_names->contains(w))) {
                _pass(ctx) = false;
                return;
            }
            kind = ast::SpecItem::TypeName;
            break;
        }
        default:
            break;
    }
    if (specs.items.capacity() == 0) specs.items.reserve(4);
    ast::SpecItem& item = specs.items.emplace_back();
    specs.has_type_specifier = specs.has_type_specifier || kind == ast::SpecItem::TypeName ||
                               role == WordRole::TypeSpec;
    item.kind = kind;
    item.role = role;
    item.range = span(t);
    item.word = w;
};
// A plain word is by far the most common item: it is tried first (its
// action leaves struct/union/enum and `extern "..."` to the others). The
// struct and enum rules are guarded by a look at their keyword: X3 builds
// a rule's (large) SpecItem before trying it, and the list's last, failing
// try would otherwise pay for two of them per declaration.
const auto decl_specs_def =
    ranged(+(word[push_spec_word] | (&kw_struct_or_union >> record_spec[push_item]) |
             (&kw_enum >> enum_spec[push_item]) |
             (x3::omit[kw_extern] >> string_literal)[push_extern_python] | dots[push_dots]));

// record_spec = ('struct' | 'union') [identifier] ['{' member_decl* '}']
const auto set_record_kind = [](auto& ctx) {
    _val(ctx).kind = ast::SpecItem::Record;
    _val(ctx).word = text_of(ctx, _attr(ctx));
};
// take_word<Role, &Node::text, &Node::range>: a word of that keyword role
// (None: a plain name) into those fields of the node being built; any other
// word fails, so that the alternatives after it are tried.
template <WordRole Role, auto Text, auto Where>
const auto take_word = [](auto& ctx) {
    if (_attr(ctx)->role != Role) {
        _pass(ctx) = false;
        return;
    }
    _val(ctx).*Text = text_of(ctx, _attr(ctx));
    _val(ctx).*Where = matched(ctx);
};
const auto set_tag = take_word<WordRole::None, &ast::SpecItem::tag, &ast::SpecItem::tag_range>;
const auto open_body = [](auto& ctx) { _val(ctx).body = std::make_unique<ast::Body>(); };
inline std::vector<ast::MemberDecl>& body_members(ast::SpecItem& s) { return s.body->members; }
inline std::vector<ast::Enumerator>& body_enumerators(ast::SpecItem& s) { return s.body->enumerators; }
const auto record_spec_def =
    ranged(kw_struct_or_union[set_record_kind] >> -word[set_tag] >>
           -(lbrace[open_body] > deep[*(!rbrace >> append<&body_members, 8>[member_decl])] >
             rbrace));

// member_decl = '...' ';' | decl_specs [member_declarator % ','] ';'
const auto set_member_dots = [](auto& ctx) { _val(ctx).dotdotdot = true; };
const auto member_decl_def =
    ranged((dots > semicolon)[set_member_dots] |
           (into<&ast::MemberDecl::specs>[decl_specs] >>
                -(append<&ast::MemberDecl::decls>[member_declarator] % comma) >
            semicolon));

// member_declarator = declarator [':' const_expr]
const auto set_width = [](auto& ctx) {
    _val(ctx).has_width = true;
    _val(ctx).width = std::move(_attr(ctx));
};
const auto member_declarator_def =
    ranged(into<&ast::MemberDeclarator::decl>[declarator] >> -(colon > const_expr[set_width]));

// enum_spec = 'enum' [identifier] ['{' [(enumerator | '...') % ','] [','] '}']
const auto set_enum_kind = [](auto& ctx) { _val(ctx).kind = ast::SpecItem::Enum; };
const auto set_partial = [](auto& ctx) {
    _val(ctx).body->partial = true;
    _val(ctx).body->dots_range = matched(ctx);
};
const auto enum_spec_def =
    ranged(kw_enum[set_enum_kind] >> -word[set_tag] >>
           -(lbrace[open_body] >
             -((append<&body_enumerators>[enumerator] | dots[set_partial]) % comma) >>
             -comma > rbrace));

// enumerator = identifier ['=' ('...' | const_expr)]
const auto set_name = [](auto& ctx) { _val(ctx).name = _attr(ctx); };
const auto set_value = [](auto& ctx) { _val(ctx).value = std::move(_attr(ctx)); };
const auto set_value_dots = [](auto& ctx) { _val(ctx).dots = true; };
const auto enumerator_value = dots[set_value_dots] | const_expr[set_value];
const auto enumerator_def = ranged(identifier[set_name] >> -(equals > enumerator_value));

// declarator = [callconv] pointer* [identifier | nested_declarator] (array_suffix |
// function_suffix)*
const auto set_callconv =
    take_word<WordRole::CallConv, &ast::Declarator::callconv, &ast::Declarator::callconv_range>;
const auto set_declarator_name =
    take_word<WordRole::None, &ast::Declarator::name, &ast::Declarator::name_range>;
const auto declarator_def =
    ranged(-word[set_callconv] >> *(&star >> append<&ast::Declarator::pointers>[pointer]) >>
           -(word[set_declarator_name] |
             (&lparen >> append<&ast::Declarator::nested>[nested_declarator])) >>
           *(&(lbracket | lparen) >>
             append<&ast::Declarator::suffixes>[array_suffix | function_suffix]));

// nested_declarator = '(' &('*' | '(' | callconv | name that is not a type) declarator ')'
// The look-ahead tells `int (*p)` and `int (x)` from the parameter list in
// `int (int)` and `int (foo_t)`.
const auto not_a_type_name = [](auto& ctx) {
    WordRole role = _attr(ctx)->role;
    _pass(ctx) = role == WordRole::CallConv ||
                 (role == WordRole::None &&
                  !x3::get<state_tag>(ctx).type_names->contains(text_of(ctx, _attr(ctx))));
};
const auto take_declarator = [](auto& ctx) { _val(ctx) = std::move(_attr(ctx)); };
const auto nested_declarator_def = ranged(lparen >> &(star | lparen | word[not_a_type_name]) >>
                                          deep[declarator[take_declarator]] > rparen);

// pointer = '*' qualifier*
const auto push_qualifier = [](auto& ctx) {
    if (_attr(ctx)->role != WordRole::Qualifier)
        _pass(ctx) = false;
    else
        _val(ctx).quals.push_back(text_of(ctx, _attr(ctx)));
};
const auto pointer_def = ranged(star >> *word[push_qualifier]);

// array_suffix = '[' ('static' | qualifier)* ('...' | const_expr | nothing) ']'
const auto set_array = [](auto& ctx) { _val(ctx).kind = ast::Suffix::Array; };
const auto set_dotdot_length = [](auto& ctx) { _val(ctx).length = ast::Suffix::Dotdot; };
const auto set_size = [](auto& ctx) {
    _val(ctx).length = ast::Suffix::Known;
    _val(ctx).size = std::move(_attr(ctx));
};
const auto set_open_length = [](auto& ctx) { _val(ctx).length = ast::Suffix::Open; };
// C99's `int a[static 3]` and `int a[const]` in parameters: the words are
// accepted and mean nothing to CFFI.
const auto array_word = [](auto& ctx) {
    const Token* t = _attr(ctx);
    _pass(ctx) = t->role == WordRole::Qualifier ||
                 (t->role == WordRole::Storage && text_of(ctx, t) == "static");
};
const auto array_suffix_def =
    ranged(lbracket[set_array] >> *word[array_word] >>
           (dots[set_dotdot_length] | const_expr[set_size] | x3::eps[set_open_length]) > rbracket);

// function_suffix = '(' [ '...' | param % ',' [',' '...'] ] ')'
const auto set_function = [](auto& ctx) { _val(ctx).kind = ast::Suffix::Function; };
const auto set_variadic = [](auto& ctx) { _val(ctx).variadic = true; };
const auto function_suffix_def =
    ranged(lparen[set_function] >>
           deep[-(dots[set_variadic] |
                  (append<&ast::Suffix::params, 6>[param] % comma) >> -(comma > dots[set_variadic]))] >
           rparen);

// param = decl_specs declarator
const auto param_def =
    ranged(into<&ast::Param::specs>[decl_specs] >> into<&ast::Param::decl>[declarator]);

// const_expr = operand (binary_op operand)*
// operand    = unary_op* (int_literal | char_literal | identifier | '(' const_expr ')')
const auto push_operator = [](auto& ctx) {
    const Token* t = _attr(ctx);
    char kind = t->kind == TokenKind::ShiftLeft    ? '<'
                : t->kind == TokenKind::ShiftRight ? '>'
                                                   : t->ch;
    _val(ctx).tokens.push_back(ast::ExprToken{span(t), kind, {}});
};
const auto push_name = [](auto& ctx) {
    const Token* t = _attr(ctx);
    std::string_view w = text_of(ctx, t);
    if (t->role == WordRole::Unsupported)
        throw UnsupportedConstruct{t, t->offset, t->length,
                                   "'" + std::string(w) + "' is not supported in cdef"};
    _val(ctx).tokens.push_back(ast::ExprToken{span(t), 'i', w});
};
const auto push_number = [](auto& ctx) {
    _val(ctx).tokens.push_back(ast::ExprToken{span(_attr(ctx)), 'n', text_of(ctx, _attr(ctx))});
};
const auto push_char = [](auto& ctx) {
    _val(ctx).tokens.push_back(ast::ExprToken{span(_attr(ctx)), 'c', text_of(ctx, _attr(ctx))});
};
const auto append_tokens = [](auto& ctx) {
    auto& tokens = _attr(ctx).tokens;
    _val(ctx).tokens.insert(_val(ctx).tokens.end(), std::make_move_iterator(tokens.begin()),
                            std::make_move_iterator(tokens.end()));
};
const auto unary_op = token_if("a unary operator", [](const Token& t, const char*) {
    return t.kind == TokenKind::Punct && (t.ch == '-' || t.ch == '+' || t.ch == '~' || t.ch == '!');
});
const auto binary_op = token_if("a binary operator", [](const Token& t, const char*) {
    if (t.kind == TokenKind::ShiftLeft || t.kind == TokenKind::ShiftRight) return true;
    if (t.kind != TokenKind::Punct) return false;
    switch (t.ch) {
        case '-': case '+': case '*': case '/': case '%': case '&': case '|': case '^':
            return true;
        default:
            return false;
    }
});
const auto operand = *unary_op[push_operator] >>
                     (int_literal[push_number] | char_literal[push_char] | word[push_name] |
                      (lparen[push_operator] > deep[const_expr[append_tokens]] >
                       rparen[push_operator]));
const auto const_expr_def = ranged(operand >> *(binary_op[push_operator] > operand));

// declaration = decl_specs [(declarator ['=' initializer]) % ','] ';'
// initializer = const_expr | skipped_initializer
// Only an integer's initializer is read (its value, as CFFI takes it); any
// other is skipped as a balanced run of tokens, kept as one token of kind
// '?' so that sema can say where it is when an integer has one.
const auto set_init = [](auto& ctx) { _val(ctx).declarators.back().init = std::move(_attr(ctx)); };
const auto set_skipped_init = [](auto& ctx) {
    ast::Expr& init = _val(ctx).declarators.back().init;
    init.tokens.assign(1, ast::ExprToken{span(_attr(ctx)), '?', {}});
    init.range = init.tokens[0].range;
};
const auto before_next = &(comma | semicolon);
const auto initializer = attempt[const_expr[set_init] >> before_next] | skipped_initializer{}[set_skipped_init];
const auto declaration_rule_def =
    ranged(into<&ast::Declaration::specs>[decl_specs] >
           -((append<&ast::Declaration::declarators>[declarator] >> -(equals > initializer)) % comma) >
           semicolon);

// type_name = decl_specs declarator     (abstract: no name)
const auto type_name_rule_def = param_def;

// extern_block = 'extern' string '{'
const auto take_string = [](auto& ctx) {
    ast::Range r = string_contents(_attr(ctx));
    _val(ctx).assign(x3::get<state_tag>(ctx).source + r.begin, r.end - r.begin);
};
const auto extern_block_rule_def = kw_extern >> string_literal[take_string] >> lbrace;

BOOST_SPIRIT_DEFINE(identifier, decl_specs, record_spec, member_decl, member_declarator, enum_spec,
                    enumerator, declarator, nested_declarator, pointer, array_suffix,
                    function_suffix, param, const_expr, declaration_rule, type_name_rule,
                    extern_block_rule)

}  // namespace ffigen::parser::grammar

// Expectation failures name what was expected through x3::what(); these
// wrappers name what they wrap (X3 would give a mangled type name).
namespace boost::spirit::x3 {
template <class Subject, class Action>
struct get_info<action<Subject, Action>> {
    using result_type = std::string;
    std::string operator()(const action<Subject, Action>& p) const { return what(p.subject); }
};
template <class Subject>
struct get_info<raw_directive<Subject>> {
    using result_type = std::string;
    std::string operator()(const raw_directive<Subject>& p) const { return what(p.subject); }
};
// Parsers that are not rules, named for expectation failures (without a
// name X3 would give their mangled type).
template <const char* Name>
struct fixed_info {
    using result_type = std::string;
    template <class Parser>
    std::string operator()(const Parser&) const {
        return Name;
    }
};
inline constexpr char kConstantExpression[] = "a constant expression";
inline constexpr char kInitializer[] = "an initializer";
inline constexpr char kOperand[] = "an operand";
// `enum e { A = }`: named as before `= ...` was accepted there.
template <>
struct get_info<std::remove_cv_t<decltype(ffigen::parser::grammar::enumerator_value)>>
    : fixed_info<kConstantExpression> {};
// `int x = ;`
template <>
struct get_info<std::remove_cv_t<decltype(ffigen::parser::grammar::initializer)>> : fixed_info<kInitializer> {};
// `1 + ]`
template <>
struct get_info<std::remove_cv_t<decltype(ffigen::parser::grammar::operand)>> : fixed_info<kOperand> {};
}  // namespace boost::spirit::x3
