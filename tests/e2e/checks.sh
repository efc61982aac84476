# Sourced by the shell e2e tests: `check` counts failures in $failures,
# which each script turns into its exit status at the end.
failures=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
    local what=$1
    shift
    if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}
status_of() { "$@" >out.log 2>&1; echo $?; }  # the command's exit status; its output in out.log
