"""The typed stub under mypy: typed.cdef is built with --pyi, then
good_usage.py must run (on the stock runtime, and on ours when its
directory is given) and pass `mypy --strict` clean, and mypy must flag
exactly the lines of bad_usage.py marked "# error".

    check_mypy.py FFIGEN SRC_DIR WORK_DIR [RUNTIME_DIR]
"""
import os
import re
import shutil
import subprocess
import sys

PYTHON = "/usr/bin/python3"


def run(argv, cwd, env=None):
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)


def mypy(work, script, *flags):
    # mypy is not the code under test: no sanitizer runtime preloaded into it.
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "PYTHONPATH", "MYPYPATH")}
    return run([PYTHON, "-m", "mypy", "--config-file", "mypy.ini", "--cache-dir", ".mypy_cache",
                "--no-error-summary", "--hide-error-context", *flags, script], work, env)


def main():
    ffigen, src, work = (os.path.abspath(a) for a in sys.argv[1:4])
    runtime_dir = sys.argv[4] if len(sys.argv) > 4 else ""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    for name in ("good_usage.py", "bad_usage.py"):
        shutil.copy(os.path.join(src, name), work)
    with open(os.path.join(work, "mypy.ini"), "w") as f:
        f.write("[mypy]\n")  # the user's or the project's configuration must not count
    built = run([ffigen, "build", os.path.join(src, "typed.cdef"), "--source", os.path.join(src, "typed.h"),
                 "-o", "_typed", "--pyi", "_typed.pyi", "--python", PYTHON, "--cflags", "-Wall -Wextra -Werror"], work)
    if built.returncode != 0:
        sys.exit("FAIL: the build failed:\n" + built.stdout + built.stderr)
    failures = []

    runtimes = [("_cffi_backend", work)] + ([("_ffigen_runtime", work + os.pathsep + runtime_dir)] if runtime_dir else [])
    for runtime, path in runtimes:
        ran = run([PYTHON, "good_usage.py"], work, dict(os.environ, PYTHONPATH=path))
        if ran.returncode != 0 or ran.stdout.strip() != runtime:
            failures.append(f"good_usage.py does not run on {runtime}:\n{ran.stdout}{ran.stderr}")

    good = mypy(work, "good_usage.py", "--strict")
    if good.returncode != 0 or good.stdout.strip():
        failures.append("mypy --strict flags the correct script:\n" + good.stdout + good.stderr)

    with open(os.path.join(work, "bad_usage.py")) as f:
        marked = {n for n, line in enumerate(f, 1) if "# error" in line}
    bad = mypy(work, "bad_usage.py")
    flagged = {int(m.group(1)) for m in re.finditer(r"^bad_usage\.py:(\d+): error:", bad.stdout, re.M)}
    if bad.returncode != 1 or flagged != marked:
        failures.append(f"mypy flags lines {sorted(flagged)} of bad_usage.py, not the marked "
                        f"{sorted(marked)}:\n{bad.stdout}{bad.stderr}")

    for failure in failures:
        print("FAIL:", failure)
    if not failures:
        print(f"ok: mypy passes good_usage.py and flags the {len(marked)} marked lines of bad_usage.py")
    sys.exit(1 if failures else 0)


main()
