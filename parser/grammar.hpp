// The entry rules of the cdef grammar. Only grammar*.cpp include the
// definitions (grammar_def.hpp); everyone else goes through parse.hpp.
#pragma once

#include "parser/ast.hpp"
#include "parser/grammar_config.hpp"  // includes X3

namespace ffigen::parser::grammar {

// One top-level declaration, `;` included.
using declaration_type = x3::rule<class declaration_class, ast::Declaration>;
// A type name as in a cast: specifiers and an abstract declarator.
using type_name_type = x3::rule<class type_name_class, ast::Param>;
// The opening of a block `extern "Python" {`: the string's contents.
using extern_block_type = x3::rule<class extern_block_class, std::string>;

BOOST_SPIRIT_DECLARE(declaration_type, type_name_type, extern_block_type)

declaration_type const& declaration();
type_name_type const& type_name();
extern_block_type const& extern_block();

}  // namespace ffigen::parser::grammar
