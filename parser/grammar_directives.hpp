// X3 directives of the cdef grammar: deep[] bounds nesting; into<> and
// append<> parse straight into a field or list of the node being built.
#pragma once

#include <type_traits>

#include "parser/grammar_config.hpp"

namespace ffigen::parser::grammar {

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
        // Reported right after the bracket that opened one level too many
        // (where X3 stood when it parsed characters).
        if (++state.depth > kMaxNesting)
            throw UnsupportedConstruct{first, (first - 1)->end(), 1, "declaration nested too deeply"};
        bool ok = this->subject.parse(first, last, ctx, rctx, attr);
        --state.depth;
        return ok;
    }
};
// The `name[p]` spelling of a directive that takes only its subject.
template <template <class> class Directive>
struct directive_gen {
    template <class Subject>
    constexpr Directive<typename x3::extension::as_parser<Subject>::value_type> operator[](
        const Subject& subject) const {
        return {x3::as_parser(subject)};
    }
};
constexpr directive_gen<deep_directive> deep{};

// attempt[p]: p, where an expectation failure inside p is a plain failure
// that leaves `first` where it was, so that an alternative may follow
// (`= (2.5)` is no constant expression but a valid initializer).
template <class Subject>
struct attempt_directive : x3::unary_parser<Subject, attempt_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, attempt_directive<Subject>>;
    static const bool is_pass_through_unary = true;
    static const bool handles_container = Subject::handles_container;
    constexpr attempt_directive(const Subject& subject) : base_type(subject) {}

    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, const It& last, const Ctx& ctx, RCtx& rctx, Attr& attr) const {
        ParseState& state = x3::get<state_tag>(ctx);
        const unsigned depth = state.depth;  // deep[] does not unwind on a throw
        It start = first;
        try {
            return this->subject.parse(first, last, ctx, rctx, attr);
        } catch (const x3::expectation_failure<It>&) {
            state.depth = depth;
            first = start;
            return false;
        }
    }
};
constexpr directive_gen<attempt_directive> attempt{};

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
// The list `List` names in a node: a data member, or a function that
// reaches it (a list inside a part held apart, as a SpecItem's Body).
template <auto List, class Node>
auto& list_in(Node& node) {
    if constexpr (std::is_member_object_pointer_v<decltype(List)>)
        return node.*List;
    else
        return List(node);
}

template <auto List, std::size_t Reserve, class Subject>
struct append_directive : x3::unary_parser<Subject, append_directive<List, Reserve, Subject>> {
    using base_type = x3::unary_parser<Subject, append_directive<List, Reserve, Subject>>;
    using attribute_type = x3::unused_type;
    static const bool has_attribute = false;
    constexpr append_directive(const Subject& subject) : base_type(subject) {}

    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, const It& last, const Ctx& ctx, RCtx& rctx, Attr&) const {
        auto& list = list_in<List>(rctx);
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

}  // namespace ffigen::parser::grammar

// Expectation failures name what was expected through x3::what(): the
// directives name what they wrap (X3 would give a mangled type name).
namespace boost::spirit::x3 {
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
