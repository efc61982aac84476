// Sema: integer literals and constant expressions (array sizes, enumerator
// values, bit widths, #define values).
#include <cctype>
#include <cstring>
#include <functional>

#include "model/sema_impl.hpp"

namespace ffigen::model::sema {

namespace {

constexpr Wide kMaxMagnitude = static_cast<Wide>(UINT64_MAX);

int precedence(char op) {
    switch (op) {
        case '*':
        case '/':
        case '%':
            return 6;
        case '+':
        case '-':
            return 5;
        case '<':
        case '>':
            return 4;
        case '&':
            return 3;
        case '^':
            return 2;
        case '|':
            return 1;
        default:
            return 0;
    }
}

// Folds the token list of one expression. The grammar has checked its
// shape; this gives it precedence and value. Recursion is bounded by the
// grammar's nesting limit on parentheses.
class Folder {
public:
    Folder(const std::vector<ast::ExprToken>& tokens,
           std::function<std::optional<Wide>(const ast::ExprToken&)> leaf,
           std::function<void(ast::Range, std::string)> error)
        : t_(tokens), leaf_(std::move(leaf)), error_(std::move(error)) {}

    std::optional<Wide> run() {
        auto v = binary(1);
        if (v && i_ != t_.size()) {
            error_(t_[i_].range, "unexpected token in a constant expression");
            return std::nullopt;
        }
        return v;
    }

private:
    std::optional<Wide> binary(int min_prec) {
        auto lhs = unary();
        while (lhs && i_ < t_.size() && precedence(t_[i_].kind) >= min_prec) {
            const ast::ExprToken& op = t_[i_++];
            auto rhs = binary(precedence(op.kind) + 1);
            if (!rhs) return std::nullopt;
            lhs = apply(op, *lhs, *rhs);
        }
        return lhs;
    }

    std::optional<Wide> unary() {
        std::size_t first = i_;
        while (i_ < t_.size() && (t_[i_].kind == '-' || t_[i_].kind == '+' || t_[i_].kind == '~' ||
                                  t_[i_].kind == '!'))
            ++i_;
        std::size_t ops_end = i_;
        if (i_ >= t_.size()) return std::nullopt;
        std::optional<Wide> v;
        const ast::ExprToken& tok = t_[i_++];
        if (tok.kind == '(') {
            v = binary(1);
            ++i_;  // ')'
        } else {
            v = leaf_(tok);
        }
        for (std::size_t k = ops_end; v && k-- > first;) {
            switch (t_[k].kind) {
                case '-':
                    v = -*v;
                    break;
                case '~':
                    v = ~*v;
                    break;
                case '!':
                    v = *v == 0;
                    break;
                default:
                    break;
            }
            v = check(t_[k].range, *v);
        }
        return v;
    }

    std::optional<Wide> apply(const ast::ExprToken& op, Wide a, Wide b) {
        switch (op.kind) {
            case '*':
                if (a != 0 && (b > kMaxMagnitude * 2 / (a < 0 ? -a : a) ||
                               b < -kMaxMagnitude * 2 / (a < 0 ? -a : a)))
                    return check(op.range, kMaxMagnitude * 4);
                return check(op.range, a * b);
            case '/':
            case '%':
                if (b == 0) {
                    error_(op.range, "division by zero in a constant expression");
                    return std::nullopt;
                }
                return check(op.range, op.kind == '/' ? a / b : a % b);
            case '+':
                return check(op.range, a + b);
            case '-':
                return check(op.range, a - b);
            case '<':
            case '>':
                if (b < 0 || b >= 64) {
                    error_(op.range, "shift count out of range in a constant expression");
                    return std::nullopt;
                }
                return check(op.range,
                             op.kind == '<' ? a << static_cast<int>(b) : a >> static_cast<int>(b));
            case '&':
                return a & b;
            case '^':
                return a ^ b;
            default:
                return a | b;
        }
    }

    std::optional<Wide> check(ast::Range r, Wide v) {
        if (v > kMaxMagnitude || v < -kMaxMagnitude) {
            error_(r, "integer overflow in a constant expression");
            return std::nullopt;
        }
        return v;
    }

    const std::vector<ast::ExprToken>& t_;
    std::size_t i_ = 0;
    std::function<std::optional<Wide>(const ast::ExprToken&)> leaf_;
    std::function<void(ast::Range, std::string)> error_;
};

}  // namespace

std::optional<Wide> Sema::evaluate(const ast::Expr& e) {
    auto leaf = [this](const ast::ExprToken& tok) -> std::optional<Wide> {
        if (tok.kind == 'n') return literal(tok.text, tok.range);
        if (tok.kind == 'c') return char_literal(tok.text, tok.range);
        if (tok.kind == '?') {
            error(tok.range, "expected a constant expression");
            return std::nullopt;
        }
        auto it = lib_names_.find(tok.text);
        if (it == lib_names_.end() || !it->second.is_int_constant) {
            error(tok.range, tok.text == "sizeof" ? "'sizeof' is not supported in cdef"
                                                  : "unknown identifier " + quoted(tok.text) +
                                                        " in a constant expression");
            return std::nullopt;
        }
        if (!it->second.int_value)
            error(tok.range, "the value of " + quoted(tok.text) +
                                 " is not known here (it comes from the C compiler)");
        return it->second.int_value;
    };
    auto report = [this](ast::Range r, std::string message) { error(r, std::move(message)); };
    return Folder(e.tokens, leaf, report).run();
}

// 42, 0x2A, 052, with u/l/ll suffixes.
std::optional<Wide> Sema::literal(std::string_view text, ast::Range range) {
    std::size_t end = text.size();
    while (end > 0 && std::strchr("uUlL", text[end - 1])) --end;
    std::string_view suffix = text.substr(end), digits = text.substr(0, end);
    // u, l, ll (both l the same case) and u before or after the l's.
    std::string_view ls = suffix;
    if (!ls.empty() && (ls.front() == 'u' || ls.front() == 'U'))
        ls.remove_prefix(1);
    else if (!ls.empty() && (ls.back() == 'u' || ls.back() == 'U'))
        ls.remove_suffix(1);
    if (!(ls.empty() || ls == "l" || ls == "L" || ls == "ll" || ls == "LL")) {
        error(range, "invalid suffix " + quoted(suffix) + " on an integer literal");
        return std::nullopt;
    }
    unsigned base = 10;
    if (digits.size() > 1 && (digits[1] == 'x' || digits[1] == 'X'))
        base = 16, digits.remove_prefix(2);
    else if (digits.size() > 1 && digits[0] == '0')
        base = 8, digits.remove_prefix(1);
    if (digits.empty()) {
        error(range, "invalid integer literal " + quoted(text));
        return std::nullopt;
    }
    Wide v = 0;
    for (char c : digits) {
        unsigned d = std::isdigit(static_cast<unsigned char>(c)) ? unsigned(c - '0')
                     : std::isxdigit(static_cast<unsigned char>(c))
                         ? unsigned(std::tolower(static_cast<unsigned char>(c)) - 'a' + 10)
                         : 99;
        if (d >= base) {
            error(range, "invalid digit " + quoted(std::string_view(&c, 1)) + " in " +
                             (base == 8    ? "octal"
                              : base == 16 ? "hexadecimal"
                                           : "decimal") +
                             " constant");
            return std::nullopt;
        }
        v = v * base + d;
        if (v > kMaxMagnitude) {
            error(range, "integer literal " + quoted(text) + " is too large");
            return std::nullopt;
        }
    }
    return v;
}

// 'a', '\'', '\n', '\0', '\101', '\x41': one character, its value as C
// gives it. Values past 0x7f are refused: C makes them negative where char
// is signed and not where it is unsigned (x86 and ARM differ), and a cdef
// is read once for every target.
std::optional<Wide> Sema::char_literal(std::string_view text, ast::Range range) {
    std::string_view body = text.substr(1, text.size() - 2);  // the lexer saw both quotes
    Wide v = static_cast<unsigned char>(body.front());
    std::size_t used = 1;
    if (body.front() == '\\' && body.size() > 1) {
        char c = body[1];
        static constexpr std::string_view kSimple = "'\"?\\abfnrtv", kValues = "'\"?\\\a\b\f\n\r\t\v";
        auto digit = [](char d, unsigned base) -> int {
            int x = std::isdigit(static_cast<unsigned char>(d)) ? d - '0'
                    : std::isxdigit(static_cast<unsigned char>(d))
                        ? std::tolower(static_cast<unsigned char>(d)) - 'a' + 10
                        : 99;
            return x < static_cast<int>(base) ? x : -1;
        };
        used = 2;
        if (auto k = kSimple.find(c); k != std::string_view::npos) {
            v = static_cast<unsigned char>(kValues[k]);
        } else if (digit(c, 8) >= 0 || (c == 'x' && body.size() > 2 && digit(body[2], 16) >= 0)) {
            unsigned base = c == 'x' ? 16 : 8;
            std::size_t most = base == 8 ? 4 : body.size();  // at most 3 octal digits
            used = base == 8 ? 1 : 2;
            for (v = 0; used < body.size() && used < most && digit(body[used], base) >= 0 && v <= 0xff; ++used)
                v = v * base + digit(body[used], base);
        } else {
            error(range, "unknown escape sequence in character literal " + std::string(text));
            return std::nullopt;
        }
    }
    if (used != body.size()) {
        error(range, "a character literal holds one character, not " + std::string(text));
        return std::nullopt;
    }
    if (v > 0x7f) {
        error(range, "character literal " + std::string(text) +
                         " is past 0x7f: its value depends on whether char is signed");
        return std::nullopt;
    }
    return v;
}

// `#define NAME 42`, `-1`, `(-1)`, `0x10ULL`: an integer literal, perhaps
// negated, perhaps in parentheses.
std::optional<IntValue> Sema::define_value(const ast::Define& def) {
    std::string_view text = def.value_text;
    auto trim = [](std::string_view s) {
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
            s.remove_prefix(1);
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
        return s;
    };
    text = trim(text);
    if (text.size() >= 2 && text.front() == '(' && text.back() == ')')
        text = trim(text.substr(1, text.size() - 2));
    bool negative = !text.empty() && text.front() == '-';
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) text = trim(text.substr(1));
    bool shaped = !text.empty() && std::isdigit(static_cast<unsigned char>(text.front()));
    for (char c : text) shaped = shaped && std::isalnum(static_cast<unsigned char>(c));
    ast::Range at = def.value_text.empty() ? def.name_range : def.value_range;
    if (!shaped) {
        error(
            at,
            "'#define " + def.name +
                "' must be followed by an integer literal or '...' (cdef does not expand macros)");
        return std::nullopt;
    }
    auto v = literal(text, at);
    if (!v) return std::nullopt;
    return IntValue{static_cast<std::uint64_t>(*v), negative};
}

}  // namespace ffigen::model::sema
