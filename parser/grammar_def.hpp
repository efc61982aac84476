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
// Nesting (parenthesised declarators, parameter lists, struct bodies,
// parenthesised expressions) goes through `deep[...]`, which stops at
// kMaxNesting levels so that no input can exhaust the stack.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "parser/ast.hpp"
#include "parser/grammar.hpp"
#include "parser/grammar_config.hpp"
#include "parser/keywords.hpp"

namespace ffigen::parser::grammar {

namespace ascii = x3::ascii;
using x3::_attr;
using x3::_pass;
using x3::_val;
using x3::lit;

// ---------------------------------------------------------------------------
// Helpers

template <class Ctx>
ast::Range range_of(const Ctx& ctx, const char* begin, const char* end) {
    const char* base = x3::get<state_tag>(ctx).base;
    return {static_cast<std::uint32_t>(begin - base), static_cast<std::uint32_t>(end - base)};
}

// The range of a raw[] parser's match (its attribute). X3's _where() is
// not used: in an action it spans from the end of the match.
template <class Ctx>
ast::Range matched(const Ctx& ctx) {
    const auto& r = _attr(ctx);
    return range_of(ctx, r.begin(), r.end());
}

// ranged(p): p, and the node's range set to what p matched. (Not done in
// an on_success handler: the rules have semantic actions, so X3 hands
// on_success an unused attribute instead of the node.)
const auto set_range = [](auto& ctx) { _val(ctx).range = matched(ctx); };
template <class Parser>
auto ranged(const Parser& p) {
    return x3::raw[p][set_range];
}

// deep[p]: p one nesting level further down; too deep is an error.
template <class Subject>
struct deep_directive : x3::unary_parser<Subject, deep_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, deep_directive<Subject>>;
    static const bool is_pass_through_unary = true;
    static const bool handles_container = Subject::handles_container;
    constexpr deep_directive(const Subject& subject) : base_type(subject) {}

    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, const It& last, const Ctx& ctx, RCtx& rctx, Attr& attr) const {
        ParseState& state = x3::get<state_tag>(ctx);
        if (++state.depth > kMaxNesting)
            throw UnsupportedConstruct{first, 1, "declaration nested too deeply"};
        bool ok = this->subject.parse(first, last, ctx, rctx, attr);
        --state.depth;
        return ok;
    }
};
struct deep_gen {
    template <class Subject>
    constexpr deep_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](
        const Subject& subject) const {
        return {x3::as_parser(subject)};
    }
};
constexpr deep_gen deep{};

// into<&Node::field>[p]: p parses straight into that field of the node the
// rule is building, instead of into a temporary that an action then moves
// in (AST nodes are large: the moves and the temporaries' destruction were
// a good part of the parse). Used only where p failing fails the whole node,
// which is then dropped with the half-filled field. (Inside a rule, X3
// passes the node being built as the rule context `rctx`: what `_val` is.)
template <auto Field, class Subject>
struct into_directive : x3::unary_parser<Subject, into_directive<Field, Subject>> {
    using base_type = x3::unary_parser<Subject, into_directive<Field, Subject>>;
    using attribute_type = x3::unused_type;
    static const bool has_attribute = false;
    constexpr into_directive(const Subject& subject) : base_type(subject) {}

    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, const It& last, const Ctx& ctx, RCtx& rctx, Attr&) const {
        return this->subject.parse(first, last, ctx, rctx, rctx.*Field);
    }
};
template <auto Field>
struct into_gen {
    template <class Subject>
    constexpr into_directive<Field, typename x3::extension::as_parser<Subject>::value_type>
    operator[](const Subject& subject) const {
        return {x3::as_parser(subject)};
    }
};
template <auto Field>
constexpr into_gen<Field> into{};

// append<&Node::list>[p]: p parses into a new last element of that list of
// the node being built; the element is removed again if p fails. Lists that
// usually hold a few elements (specifiers, parameters, members) start with
// room for `Reserve`: growing one element at a time reallocates. In a
// loop, a look-ahead at the element's first token keeps the last, failing
// try from appending (and growing the list) for nothing.
template <auto List, std::size_t Reserve, class Subject>
struct append_directive : x3::unary_parser<Subject, append_directive<List, Reserve, Subject>> {
    using base_type = x3::unary_parser<Subject, append_directive<List, Reserve, Subject>>;
    using attribute_type = x3::unused_type;
    static const bool has_attribute = false;
    constexpr append_directive(const Subject& subject) : base_type(subject) {}

    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, const It& last, const Ctx& ctx, RCtx& rctx, Attr&) const {
        auto& list = rctx.*List;
        if (list.capacity() == 0) list.reserve(Reserve);
        list.emplace_back();
        if (this->subject.parse(first, last, ctx, rctx, list.back())) return true;
        list.pop_back();
        return false;
    }
};
template <auto List, std::size_t Reserve>
struct append_gen {
    template <class Subject>
    constexpr append_directive<List, Reserve,
                               typename x3::extension::as_parser<Subject>::value_type>
    operator[](const Subject& subject) const {
        return {x3::as_parser(subject)};
    }
};
template <auto List, std::size_t Reserve = 1>
constexpr append_gen<List, Reserve> append{};

inline bool is_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The first non-blank character at or after p (the buffers end with '\0').
inline char next_char(const char* p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') ++p;
    return *p;
}

// Whether the text after an unknown identifier shows it stands for a type.
inline bool followed_like_a_type(const char* p) {
    char c = next_char(p);
    return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') || c == '*' || c == '[' ||
           c == ',' || c == ')';
}

inline std::string_view text_of(const boost::iterator_range<const char*>& r) {
    return {r.begin(), static_cast<std::size_t>(r.end() - r.begin())};
}

// The same characters in the file's own text, for the AST to keep: the
// parsed buffer is the pre-pass's copy, which dies with the parse.
template <class Ctx>
std::string_view source_text(const Ctx& ctx, const boost::iterator_range<const char*>& r) {
    const ParseState& state = x3::get<state_tag>(ctx);
    return {state.source + (r.begin() - state.base), static_cast<std::size_t>(r.end() - r.begin())};
}

// ---------------------------------------------------------------------------
// Lexical pieces

// identifier: [A-Za-z_][A-Za-z0-9_]*, as raw text (its attribute is the
// matched range, as with x3::raw). Words are the most frequent token: a
// hand-written scan costs a fraction of X3's per-character alternatives.
struct word_parser : x3::parser<word_parser> {
    using attribute_type = x3::raw_attribute_type;
    static const bool has_attribute = true;
    static const bool handles_container = true;

    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, const It& last, const Ctx& ctx, RCtx&, Attr& attr) const {
        x3::skip_over(first, last, ctx);
        It p = first;
        if (p == last || !is_word_start(*p)) return false;
        do ++p;
        while (p != last && is_ident_char(*p));
        x3::traits::move_to(first, p, attr);
        first = p;
        return true;
    }

    static bool is_word_start(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
};
const word_parser word{};
const auto end_of_word = !(ascii::alnum | lit('_'));
template <class Str>
auto keyword(Str s) {
    return x3::lexeme[lit(s) >> end_of_word];
}

// integer literal: (0[xX][0-9a-fA-F]+ | [0-9]+) [uUlL]*   (validated by sema)
const auto int_literal =
    x3::raw[x3::lexeme[((lit("0x") | lit("0X")) >> +ascii::xdigit | +ascii::digit) >>
                       *ascii::char_("uUlL") >> !(ascii::alnum | lit('_') | lit('.'))]];

// string literal: "..." on one line, contents only
const auto string_literal = x3::lexeme['"' >> x3::raw[*(ascii::char_ - '"' - x3::eol)] >> '"'];

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
    std::string_view w = text_of(_attr(ctx));
    if (word_role(w) != WordRole::None)
        _pass(ctx) = false;
    else
        _val(ctx) = source_text(ctx, _attr(ctx));
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
    item.range = matched(ctx);
    item.word = source_text(ctx, _attr(ctx));
    _val(ctx).items.push_back(std::move(item));
};
const auto push_spec_word = [](auto& ctx) {
    const auto& r = _attr(ctx);
    std::string_view w = text_of(r);
    ast::DeclSpecs& specs = _val(ctx);
    ast::SpecItem::Kind kind = ast::SpecItem::Word;
    const WordRole role = word_role(w);
    switch (role) {
        case WordRole::Unsupported:
            throw UnsupportedConstruct{
                r.begin(), static_cast<std::uint32_t>(w.size()),
                "'" + std::string(w) + "' is not supported in cdef (CFFI does not accept it)"};
        case WordRole::Tag:
            _pass(ctx) = false;
            return;
        case WordRole::Storage:
            if (w == "extern" && next_char(r.end()) == '"') {  // extern "Python"
                _pass(ctx) = false;
                return;
            }
            break;
        case WordRole::None: {
            const ParseState& state = x3::get<state_tag>(ctx);
            // The look at the next character is cheap and usually settles
            // it: the set lookup comes second.
            if (specs.has_type_specifier ||
                !(followed_like_a_type(r.end()) || state.type_names->contains(w))) {
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
    item.range = range_of(ctx, r.begin(), r.end());
    item.word = source_text(ctx, r);
};
// A plain word is by far the most common item: it is tried first (its
// action leaves struct/union/enum and `extern "..."` to the others). The
// struct and enum rules are guarded by a look at their keyword: X3 builds
// a rule's (large) SpecItem before trying it, and the list's last, failing
// try would otherwise pay for two of them per declaration.
const auto decl_specs_def = ranged(
    +(word[push_spec_word] | (&(lit("struct") | lit("union")) >> record_spec[push_item]) |
      (&lit("enum") >> enum_spec[push_item]) |
      (keyword("extern") >> string_literal)[push_extern_python] | x3::raw[lit("...")][push_dots]));

// record_spec = ('struct' | 'union') [identifier] ['{' member_decl* '}']
const auto set_record_kind = [](auto& ctx) {
    _val(ctx).kind = ast::SpecItem::Record;
    _val(ctx).word = source_text(ctx, _attr(ctx));
};
// The name actions take a plain word and refuse keywords themselves:
// going through the identifier rule would build its string for nothing.
const auto set_tag = [](auto& ctx) {
    std::string_view w = text_of(_attr(ctx));
    if (word_role(w) != WordRole::None) {
        _pass(ctx) = false;
        return;
    }
    _val(ctx).tag = source_text(ctx, _attr(ctx));
    _val(ctx).tag_range = matched(ctx);
};
const auto open_body = [](auto& ctx) { _val(ctx).has_body = true; };
const auto record_spec_def =
    ranged(x3::raw[keyword("struct") | keyword("union")][set_record_kind] >>
           -word[set_tag] >>
           -(lit('{')[open_body] > deep[*(!lit('}') >> append<&ast::SpecItem::members, 4>[member_decl])] > '}'));

// member_decl = '...' ';' | decl_specs [member_declarator % ','] ';'
const auto set_member_dots = [](auto& ctx) { _val(ctx).dotdotdot = true; };
const auto member_decl_def =
    ranged((lit("...") > ';')[set_member_dots] |
           (into<&ast::MemberDecl::specs>[decl_specs] >>
                -(append<&ast::MemberDecl::decls>[member_declarator] % ',') >
            ';'));

// member_declarator = declarator [':' const_expr]
const auto set_width = [](auto& ctx) {
    _val(ctx).has_width = true;
    _val(ctx).width = std::move(_attr(ctx));
};
const auto member_declarator_def =
    ranged(into<&ast::MemberDeclarator::decl>[declarator] >> -(':' > const_expr[set_width]));

// enum_spec = 'enum' [identifier] ['{' [(enumerator | '...') % ','] [','] '}']
const auto set_enum_kind = [](auto& ctx) { _val(ctx).kind = ast::SpecItem::Enum; };
const auto set_partial = [](auto& ctx) {
    _val(ctx).partial = true;
    _val(ctx).dots_range = matched(ctx);
};
const auto enum_spec_def =
    ranged(keyword("enum")[set_enum_kind] >> -word[set_tag] >>
           -(lit('{')[open_body] >
             -((append<&ast::SpecItem::enumerators>[enumerator] | x3::raw[lit("...")][set_partial]) %
               ',') >>
             -lit(',') > '}'));

// enumerator = identifier ['=' const_expr]
const auto set_name = [](auto& ctx) { _val(ctx).name = _attr(ctx); };
const auto set_value = [](auto& ctx) { _val(ctx).value = std::move(_attr(ctx)); };
const auto enumerator_def = ranged(identifier[set_name] >> -('=' > const_expr[set_value]));

// declarator = [callconv] pointer* [identifier | nested_declarator] (array_suffix |
// function_suffix)*
const auto set_callconv = [](auto& ctx) {
    std::string_view w = text_of(_attr(ctx));
    if (word_role(w) != WordRole::CallConv) {
        _pass(ctx) = false;
        return;
    }
    _val(ctx).callconv = source_text(ctx, _attr(ctx));
    _val(ctx).callconv_range = matched(ctx);
};
const auto set_declarator_name = [](auto& ctx) {
    std::string_view w = text_of(_attr(ctx));
    if (word_role(w) != WordRole::None) {
        _pass(ctx) = false;
        return;
    }
    _val(ctx).name = source_text(ctx, _attr(ctx));
    _val(ctx).name_range = matched(ctx);
};
const auto declarator_def =
    ranged(-word[set_callconv] >> *(&lit('*') >> append<&ast::Declarator::pointers>[pointer]) >>
           -(word[set_declarator_name] |
             (&lit('(') >> append<&ast::Declarator::nested>[nested_declarator])) >>
           *(&(lit('[') | '(') >>
             append<&ast::Declarator::suffixes>[array_suffix | function_suffix]));

// nested_declarator = '(' &('*' | '(' | callconv | name that is not a type) declarator ')'
// The look-ahead tells `int (*p)` and `int (x)` from the parameter list in
// `int (int)` and `int (foo_t)`.
const auto not_a_type_name = [](auto& ctx) {
    std::string_view w = text_of(_attr(ctx));
    WordRole role = word_role(w);
    _pass(ctx) = role == WordRole::CallConv ||
                 (role == WordRole::None && !x3::get<state_tag>(ctx).type_names->contains(w));
};
const auto take_declarator = [](auto& ctx) { _val(ctx) = std::move(_attr(ctx)); };
const auto nested_declarator_def = ranged('(' >> &(lit('*') | '(' | word[not_a_type_name]) >>
                                          deep[declarator[take_declarator]] > ')');

// pointer = '*' qualifier*
const auto push_qualifier = [](auto& ctx) {
    std::string_view w = text_of(_attr(ctx));
    if (word_role(w) != WordRole::Qualifier)
        _pass(ctx) = false;
    else
        _val(ctx).quals.push_back(source_text(ctx, _attr(ctx)));
};
const auto pointer_def = ranged(lit('*') >> *word[push_qualifier]);

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
    std::string_view w = text_of(_attr(ctx));
    _pass(ctx) = w == "static" || word_role(w) == WordRole::Qualifier;
};
const auto array_suffix_def =
    ranged(lit('[')[set_array] >> *word[array_word] >>
           (lit("...")[set_dotdot_length] | const_expr[set_size] | x3::eps[set_open_length]) > ']');

// function_suffix = '(' [ '...' | param % ',' [',' '...'] ] ')'
const auto set_function = [](auto& ctx) { _val(ctx).kind = ast::Suffix::Function; };
const auto set_variadic = [](auto& ctx) { _val(ctx).variadic = true; };
const auto function_suffix_def =
    ranged(lit('(')[set_function] >>
           deep[-(lit("...")[set_variadic] |
                  (append<&ast::Suffix::params, 4>[param] % ',') >> -(',' > lit("...")[set_variadic]))] > ')');

// param = decl_specs declarator
const auto param_def =
    ranged(into<&ast::Param::specs>[decl_specs] >> into<&ast::Param::decl>[declarator]);

// const_expr = operand (binary_op operand)*
// operand    = unary_op* (int_literal | identifier | '(' const_expr ')')
const auto push_operator = [](auto& ctx) {
    std::string_view op = text_of(_attr(ctx));
    char kind = op == "<<" ? '<' : op == ">>" ? '>' : op[0];
    _val(ctx).tokens.push_back(ast::ExprToken{matched(ctx), kind, {}});
};
const auto push_name = [](auto& ctx) {
    std::string_view w = text_of(_attr(ctx));
    if (word_role(w) == WordRole::Unsupported)
        throw UnsupportedConstruct{_attr(ctx).begin(), static_cast<std::uint32_t>(w.size()),
                                   "'" + std::string(w) + "' is not supported in cdef"};
    _val(ctx).tokens.push_back(ast::ExprToken{matched(ctx), 'i', source_text(ctx, _attr(ctx))});
};
const auto push_text = [](char kind) {
    return [kind](auto& ctx) {
        _val(ctx).tokens.push_back(
            ast::ExprToken{matched(ctx), kind, source_text(ctx, _attr(ctx))});
    };
};
const auto append_tokens = [](auto& ctx) {
    auto& tokens = _attr(ctx).tokens;
    _val(ctx).tokens.insert(_val(ctx).tokens.end(), std::make_move_iterator(tokens.begin()),
                            std::make_move_iterator(tokens.end()));
};
const auto unary_op = x3::raw[ascii::char_("-+~!")];
const auto binary_op = x3::raw[lit("<<") | lit(">>") | ascii::char_("-+*/%&|^")];
const auto operand = *unary_op[push_operator] >>
                     (int_literal[push_text('n')] | word[push_name] |
                      (x3::raw[lit('(')][push_operator] > deep[const_expr[append_tokens]] >
                       x3::raw[lit(')')][push_operator]));
const auto const_expr_def = ranged(operand >> *(binary_op[push_operator] > operand));

// declaration = decl_specs [(declarator ['=' const_expr]) % ','] ';'
const auto set_init = [](auto& ctx) { _val(ctx).declarators.back().init = std::move(_attr(ctx)); };
const auto declaration_rule_def =
    ranged(into<&ast::Declaration::specs>[decl_specs] >
           -((append<&ast::Declaration::declarators>[declarator] >>
              -('=' > const_expr[set_init])) %
             ',') > ';');

// type_name = decl_specs declarator     (abstract: no name)
const auto type_name_rule_def = param_def;

// extern_block = 'extern' string '{'
const auto take_string = [](auto& ctx) { _val(ctx).assign(text_of(_attr(ctx))); };
const auto extern_block_rule_def = keyword("extern") >> string_literal[take_string] >> '{';

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
template <>
struct get_info<ffigen::parser::grammar::word_parser> {
    using result_type = std::string;
    std::string operator()(const ffigen::parser::grammar::word_parser&) const {
        return "an identifier";
    }
};
template <auto Field, class Subject>
struct get_info<ffigen::parser::grammar::into_directive<Field, Subject>> {
    using result_type = std::string;
    std::string operator()(const ffigen::parser::grammar::into_directive<Field, Subject>& p) const {
        return what(p.subject);
    }
};
template <auto List, std::size_t Reserve, class Subject>
struct get_info<ffigen::parser::grammar::append_directive<List, Reserve, Subject>> {
    using result_type = std::string;
    std::string operator()(
        const ffigen::parser::grammar::append_directive<List, Reserve, Subject>& p) const {
        return what(p.subject);
    }
};
template <class Subject>
struct get_info<ffigen::parser::grammar::deep_directive<Subject>> {
    using result_type = std::string;
    std::string operator()(const ffigen::parser::grammar::deep_directive<Subject>& p) const {
        return what(p.subject);
    }
};
}  // namespace boost::spirit::x3
