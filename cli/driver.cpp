#include "cli/driver.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "model/sema.hpp"
#include "parser/preamble.hpp"

namespace ffigen::cli {

namespace {

std::unique_ptr<SourceFile> read_input(const std::string& path) {
    try {
        return read_source_file(path);
    } catch (const std::runtime_error& e) {
        throw UnreadableInput(e.what());
    }
}

}  // namespace

void init_logging(int verbosity) {
    auto logger = spdlog::get("ffigen");
    if (!logger) logger = spdlog::stderr_logger_st("ffigen");
    logger->set_pattern("%v");
    logger->set_level(verbosity < 0   ? spdlog::level::err
                      : verbosity > 0 ? spdlog::level::debug
                                      : spdlog::level::info);
    spdlog::set_default_logger(logger);
}

// Past this many errors the rest are counted, not printed (as clang does):
// a broken or binary file would otherwise bury the first, useful ones.
constexpr std::size_t kMaxPrintedErrors = 50;

DiagnosticEngine make_cli_diagnostics() {
    auto printed = std::make_shared<std::size_t>(0);
    return DiagnosticEngine([printed](const Diagnostic& d) {
        if (d.severity == Severity::Error && ++*printed > kMaxPrintedErrors) {
            if (*printed == kMaxPrintedErrors + 1)
                spdlog::error("ffigen: error: too many errors; the others are not shown");
            return;
        }
        std::string text = render(d);
        if (!text.empty() && text.back() == '\n') text.pop_back();
        auto level = d.severity == Severity::Error     ? spdlog::level::err
                     : d.severity == Severity::Warning ? spdlog::level::warn
                                                       : spdlog::level::info;
        spdlog::log(level, "{}", text);
    });
}

std::optional<LoadedInput> load_input(const FrontendOptions& options, DiagnosticEngine& diags) {
    LoadedInput in;
    in.cdef = read_input(options.cdef_path);
    if (!options.preamble_path.empty()) {
        in.preamble = read_input(options.preamble_path);
        in.preamble_includes = parser::scan_preamble(*in.preamble, diags).includes;
    }
    spdlog::debug("ffigen: parsing {} ({} bytes)", in.cdef->name(), in.cdef->text().size());
    model::SemaOptions sema{options.pack, options.allow_override};
    in.module = model::analyze_cdef(*in.cdef, diags, sema);
    diags.flush();
    if (diags.has_errors()) return std::nullopt;
    spdlog::debug(
        "ffigen: {} functions, {} variables, {} constants, {} typedefs, {} structs/unions, "
        "{} enums",
        in.module->functions.size(), in.module->variables.size(), in.module->constants.size(),
        in.module->typedefs.size(), in.module->records.size(), in.module->enums.size());
    return in;
}

}  // namespace ffigen::cli
