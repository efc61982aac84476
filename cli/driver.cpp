#include "cli/driver.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
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

bool is_identifier(const std::string& s) {
    if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
    for (char c : s)
        if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return false;
    return true;
}

}  // namespace

// `--include _geo=geo.cdef` names the module; `--include path/_geo.cdef`
// takes it from the file's stem. A path may itself hold '=': the left part
// counts as a module name only when it is one.
IncludeSpec parse_include(const std::string& spec) {
    auto eq = spec.find('=');
    bool named = eq != std::string::npos && check_module_name(spec.substr(0, eq)).empty();
    IncludeSpec r;
    r.path = named ? spec.substr(eq + 1) : spec;
    r.module = named ? spec.substr(0, eq) : module_name_from_path(r.path);
    if (r.path == "-") throw UsageError("--include cannot read standard input");
    if (std::string why = check_module_name(r.module); !why.empty())
        throw UsageError(why + " for --include '" + spec + "' (use --include MODULE=PATH)");
    return r;
}

std::string module_name_from_path(const std::string& path) {
    auto slash = path.rfind('/');
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    return base.substr(0, base.find('.'));
}

std::string check_module_name(const std::string& name) {
    std::size_t start = 0;
    for (;;) {
        auto dot = name.find('.', start);
        std::string part = name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!is_identifier(part)) return "invalid module name '" + name + "'";
        if (dot == std::string::npos) return "";
        start = dot + 1;
    }
}

void add_include_option(CLI::App& cmd, FrontendOptions& options) {
    cmd.add_option("--include", options.includes,
                   "[MODULE=]PATH: the cdef of a module whose types this one uses, as "
                   "ffi.include() (repeatable; MODULE defaults to PATH's stem)")
        ->allow_extra_args(false);
}

void add_pack_option(CLI::App& cmd, FrontendOptions& options) {
    auto valid = [](const std::string& n) -> std::string {
        for (const char* ok : {"0", "1", "2", "4", "8", "16"})
            if (n == ok) return "";
        return "'" + n + "' is not 1, 2, 4, 8 or 16 (as #pragma pack takes), nor 0 (the natural layout)";
    };
    cmd.add_option("--pack", options.pack, "default struct packing, as #pragma pack(N): 0 (natural), 1, 2, 4, 8, 16")
        ->check(CLI::Validator(valid, "N", "PACK"));
}

void add_keep_gil_option(CLI::App& cmd, FrontendOptions& options) {
    cmd.add_flag("--keep-gil", options.keep_gil,
                 "functions keep the GIL during their C call, as under #pragma ffigen gil(keep)");
}

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
    if (options.cdef_path == "-" && options.preamble_path == "-")
        throw UsageError("the cdef and --source cannot both be '-': only one input can be standard input");
    LoadedInput in;
    in.cdef = read_input(options.cdef_path);
    std::vector<model::IncludedCdef> includes;
    for (const std::string& spec : options.includes) {
        IncludeSpec inc = parse_include(spec);
        for (const model::IncludedCdef& earlier : includes)
            if (earlier.module == inc.module)
                throw UsageError("module '" + inc.module + "' is included twice (--include)");
        in.included_cdefs.push_back(read_input(inc.path));
        includes.push_back({inc.module, in.included_cdefs.back().get()});
    }
    if (!options.preamble_path.empty()) {
        in.preamble = read_input(options.preamble_path);
        in.preamble_includes = parser::scan_preamble(*in.preamble, diags).includes;
    }
    spdlog::debug("ffigen: parsing {} ({} bytes)", in.cdef->name(), in.cdef->text().size());
    model::SemaOptions sema{options.pack, options.allow_override, options.keep_gil};
    in.module = model::analyze_cdef(*in.cdef, diags, sema, includes);
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
