// The only translation unit that instantiates the X3 grammar.
#include "parser/grammar_def.hpp"

namespace ffigen::parser::grammar {

BOOST_SPIRIT_INSTANTIATE(declaration_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(type_name_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(extern_block_type, iterator_type, context_type)

declaration_type const& declaration() { return declaration_rule; }
type_name_type const& type_name() { return type_name_rule; }
extern_block_type const& extern_block() { return extern_block_rule; }

}  // namespace ffigen::parser::grammar
