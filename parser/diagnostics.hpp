// Diagnostics: errors, warnings and notes with a source position, rendered
// the way gcc and clang render them:
//
//   foo.cdef:3:9: error: unknown type name 'uint32'
//       3 | typedef uint32 handle_t;
//         |         ^~~~~~
//
// Errors accumulate (so that one run reports several) until the driver
// asks at a checkpoint whether it may go on to the next stage.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "parser/source.hpp"

namespace ffigen {

enum class Severity : std::uint8_t { Note, Warning, Error };

struct Diagnostic {
    Severity severity = Severity::Error;
    SourceLoc loc;
    std::uint32_t length = 1;  // bytes underlined from loc (caret plus '~')
    std::string message;
    std::vector<Diagnostic> notes;  // printed right after, e.g. "previous definition is here"
};

// "path:line:col: error: message", the source line and the caret; notes
// follow. Without a position: "ffigen: error: message".
std::string render(const Diagnostic& d);

class DiagnosticEngine {
public:
    using Sink = std::function<void(const Diagnostic&)>;

    DiagnosticEngine() = default;
    explicit DiagnosticEngine(Sink sink) : sink_(std::move(sink)) {}

    // Reports and returns the stored diagnostic so that notes can be added
    // before it is flushed by the next report or by flush().
    Diagnostic& error(SourceLoc loc, std::string message, std::uint32_t length = 1);
    Diagnostic& warning(SourceLoc loc, std::string message, std::uint32_t length = 1);
    static void add_note(Diagnostic& d, SourceLoc loc, std::string message,
                         std::uint32_t length = 1);

    // Hands every pending diagnostic to the sink (or keeps it when there is none).
    void flush();

    std::size_t error_count() const { return errors_; }
    bool has_errors() const { return errors_ != 0; }
    // Everything reported so far, in order (with a sink: only the one not yet flushed).
    const std::vector<Diagnostic>& diagnostics() const { return kept_; }
    // All kept diagnostics rendered one after the other (for tests).
    std::string rendered() const;

private:
    Diagnostic& report(Severity s, SourceLoc loc, std::string message, std::uint32_t length);

    Sink sink_;
    std::vector<Diagnostic> kept_;
    std::size_t errors_ = 0;
};

}  // namespace ffigen
