#include "parser/diagnostics.hpp"

#include <algorithm>

namespace ffigen {

namespace {

const char* severity_name(Severity s) {
    switch (s) {
        case Severity::Note: return "note";
        case Severity::Warning: return "warning";
        case Severity::Error: return "error";
    }
    return "error";
}

// The quoted source line and the caret line, in gcc's layout. Tabs are kept
// in the caret line so that the caret lines up in any terminal.
void render_excerpt(std::string& out, const Diagnostic& d, SourceFile::LineCol lc) {
    std::string_view line = d.loc.file->line_text(lc.line);
    std::string number = std::to_string(lc.line);
    std::size_t width = std::max<std::size_t>(number.size(), 4) + 1;  // gcc: "    2 | "
    out.append(width - number.size(), ' ');
    out += number + " | ";
    out += line;
    out += '\n';
    out.append(width + 1, ' ');
    out += "| ";
    std::size_t col = lc.col - 1;
    for (std::size_t i = 0; i < col && i < line.size(); ++i) out += line[i] == '\t' ? '\t' : ' ';
    out += '^';
    std::size_t room = col < line.size() ? line.size() - col : 1;
    std::size_t tildes = std::min<std::size_t>(d.length, room);
    if (tildes > 1) out.append(tildes - 1, '~');
    out += '\n';
}

}  // namespace

std::string render(const Diagnostic& d) {
    std::string out;
    if (d.loc) {
        auto lc = d.loc.file->line_col(d.loc.offset);
        out += d.loc.file->name() + ':' + std::to_string(lc.line) + ':' +
               std::to_string(lc.col) + ": ";
        out += severity_name(d.severity);
        out += ": " + d.message + '\n';
        render_excerpt(out, d, lc);
    } else {
        out += std::string("ffigen: ") + severity_name(d.severity) + ": " + d.message + '\n';
    }
    for (const Diagnostic& n : d.notes) out += render(n);
    return out;
}

Diagnostic& DiagnosticEngine::report(Severity s, SourceLoc loc, std::string message,
                                     std::uint32_t length) {
    flush();
    if (s == Severity::Error) ++errors_;
    kept_.push_back(Diagnostic{s, loc, std::max<std::uint32_t>(length, 1), std::move(message), {}});
    return kept_.back();
}

Diagnostic& DiagnosticEngine::error(SourceLoc loc, std::string message, std::uint32_t length) {
    return report(Severity::Error, loc, std::move(message), length);
}

Diagnostic& DiagnosticEngine::warning(SourceLoc loc, std::string message, std::uint32_t length) {
    return report(Severity::Warning, loc, std::move(message), length);
}

void DiagnosticEngine::add_note(Diagnostic& d, SourceLoc loc, std::string message,
                                std::uint32_t length) {
    d.notes.push_back(Diagnostic{Severity::Note, loc, std::max<std::uint32_t>(length, 1),
                                 std::move(message), {}});
}

void DiagnosticEngine::flush() {
    if (!sink_) return;
    for (const Diagnostic& d : kept_) sink_(d);
    kept_.clear();
}

std::string DiagnosticEngine::rendered() const {
    std::string out;
    for (const Diagnostic& d : kept_) out += render(d);
    return out;
}

}  // namespace ffigen
