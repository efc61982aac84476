// The preamble scanner's grammar (X3, its own small instantiation: it does
// not share the cdef grammar's rules or compile time).
#include "parser/preamble.hpp"

#include <boost/spirit/home/x3.hpp>

namespace ffigen::parser {

namespace {

namespace x3 = boost::spirit::x3;
using x3::lit;

struct ScanState {
    const SourceFile* file;
    DiagnosticEngine* diags;
    PreambleScan* out;
};
struct scan_tag;

template <class Ctx>
ScanState& state(const Ctx& ctx) {
    return x3::get<scan_tag>(ctx);
}

template <class Ctx>
std::uint32_t offset(const Ctx& ctx, const char* p) {
    return static_cast<std::uint32_t>(p - state(ctx).file->text().data());
}

// Actions take positions from the raw[] attribute: X3's _where() starts
// at the end of the match.
auto segment(PreambleSegment::Kind kind) {
    return [kind](auto& ctx) {
        auto w = x3::_attr(ctx);
        state(ctx).out->segments.push_back(
            PreambleSegment{kind, {offset(ctx, w.begin()), offset(ctx, w.end())}});
    };
}

// Reports an unterminated comment or literal at the position where it started.
auto unterminated(const char* what) {
    return [what](auto& ctx) {
        auto w = x3::_attr(ctx);
        auto& st = state(ctx);
        st.diags->error({st.file, offset(ctx, w.begin())}, std::string("unterminated ") + what, 2);
    };
}

// A '#' starts a directive only when nothing but blanks precede it on its line.
const auto at_line_start = [](auto& ctx) {
    const char* p = x3::_attr(ctx).begin();
    const char* begin = state(ctx).file->text().data();
    while (p > begin && (p[-1] == ' ' || p[-1] == '\t')) --p;
    x3::_pass(ctx) = p == begin || p[-1] == '\n';
};

const auto take_include = [](auto& ctx) {
    auto r = x3::_attr(ctx);
    state(ctx).out->includes.emplace_back(r.begin(), r.end());
};

const auto any = x3::standard::char_;
const auto eol = lit("\r\n") | lit('\n');
const auto continuation = lit('\\') >> eol;

// block_comment = "/*" (any - "*/")* "*/"         (or unterminated at the end)
const auto block_comment_body = lit("/*") >> *(any - lit("*/")) >> (lit("*/") | x3::eoi);
const auto block_comment = x3::raw[block_comment_body][segment(PreambleSegment::Comment)];
// line_comment = "//" (continuation | any - eol)*
const auto line_comment =
    x3::raw[lit("//") >> *(continuation | (any - eol))][segment(PreambleSegment::Comment)];
// string = '"' ('\\' any | any - '"' - eol)* '"'  (a literal cannot span lines)
template <char Quote>
auto literal(PreambleSegment::Kind kind, const char* what) {
    auto body = *((lit('\\') >> any) | (any - lit(Quote) - eol));
    auto closed = x3::raw[lit(Quote) >> body >> lit(Quote)][segment(kind)];
    auto open = x3::raw[lit(Quote) >> body][unterminated(what)];
    return closed | open;
}
// directive = '#' (at line start) ["include" ('<' ... '>' | '"' ... '"')] rest of line
const auto include_target =
    x3::raw[(lit('<') >> *(any - '>' - eol) >> '>') | (lit('"') >> *(any - '"' - eol) >> '"')];
const auto directive = x3::raw[x3::raw[lit('#')][at_line_start] >> *lit(' ') >>
                               -(lit("include") >> *lit(' ') >> include_target[take_include]) >>
                               *(continuation | (any - eol))][segment(PreambleSegment::Directive)];
// code = (any - '/' - '"' - '\'' - '#')+ | any
const auto code = x3::raw[+(any - lit('/') - lit('"') - lit('\'') - lit('#')) | any]
                         [segment(PreambleSegment::Code)];

const auto preamble =
    *(block_comment | line_comment | literal<'"'>(PreambleSegment::String, "string literal") |
      literal<'\''>(PreambleSegment::Char, "character literal") | directive | code);

}  // namespace

PreambleScan scan_preamble(const SourceFile& file, DiagnosticEngine& diags) {
    PreambleScan out;
    ScanState st{&file, &diags, &out};
    std::string_view text = file.text();
    const char* first = text.data();
    const char* last = first + text.size();
    x3::parse(first, last, x3::with<scan_tag>(st)[preamble]);
    // An unterminated block comment is seen as a comment running to the end.
    for (const PreambleSegment& s : out.segments) {
        if (s.kind != PreambleSegment::Comment) continue;
        std::string_view body = text.substr(s.range.begin, s.range.end - s.range.begin);
        if (body.starts_with("/*") && (body.size() < 4 || !body.ends_with("*/")))
            diags.error({&file, s.range.begin}, "unterminated comment", 2);
    }
    return out;
}

}  // namespace ffigen::parser
