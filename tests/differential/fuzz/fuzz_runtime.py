"""Differential fuzzer of the runtime (issue 10). For each seed: a random
cdef + preamble (cdefgen.py) and random programs of ffi operations over it
(opgen.py), run (worker.py, one process per program and leg) on three legs:
  oracle  stock CFFI's module on the stock _cffi_backend
  stock   ffigen's module on the stock _cffi_backend
  ours    ffigen's module on _ffigen_runtime
Per op, each leg's result (normalised repr, or the exception's class) must
be the oracle's; a crash is a finding too. Each program's divergences
are reported with minimised reproducers, up to the first one of an op that
may change state (what follows may only echo it).

  fuzz_runtime.py --ffigen FFIGEN --runtime-dir DIR [--seeds 1-20 | --minutes N]
short run (ctest): the divergences found must be exactly those listed in
known_divergences.txt (strict: a fixed one must be taken out). Long run
(--minutes): prints every divergence found and writes reproducers.
"""
import argparse
import json
import os
import pathlib
import random
import re
import subprocess
import sys
import time

import cdefgen
import opgen

HERE = pathlib.Path(__file__).parent
PYTHON = "/usr/bin/python3"
LEGS = ("stock", "ours")


class Seed:
    """One seed's modules, built in WORK/seed-N."""

    def __init__(self, args, seed):
        self.args, self.seed = args, seed
        self.model = cdefgen.generate(random.Random(seed))
        self.dir = pathlib.Path(args.work) / f"seed-{seed}"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.cdef, self.preamble = self.model.text()
        (self.dir / "fz.cdef").write_text(self.cdef)
        (self.dir / "fz.h").write_text(self.preamble)

    def build(self):
        """None, or why a leg could not build (a finding when CFFI can)."""
        oracle = subprocess.run([PYTHON, "-c", ORACLE_BUILD, str(self.dir)], capture_output=True, text=True,
                                env=dict(os.environ, PYTHONPATH=str(HERE.parent)))
        if oracle.returncode != 0:
            return "skip", oracle.stderr.strip().splitlines()[-1:]
        ours = subprocess.run([self.args.ffigen, "build", "fz.cdef", "--source", "fz.h", "-o", "_fz_ffigen",
                               "--python", PYTHON], cwd=self.dir, capture_output=True, text=True)
        if ours.returncode != 0:
            return "build", (ours.stdout + ours.stderr).strip().splitlines()[-3:]
        return None

    def run(self, leg, lines):
        """The leg's results for the program `lines` (a crash ends them)."""
        prog = self.dir / f"prog-{leg}.txt"
        prog.write_text("\n".join(lines) + "\n")
        module = "_fz_cffi" if leg == "oracle" else "_fz_ffigen"
        env = dict(os.environ, PYTHONPATH=str(HERE), PYTHONDONTWRITEBYTECODE="1")
        if leg == "ours":
            env["PYTHONPATH"] += os.pathsep + self.args.runtime_dir
        try:
            proc = subprocess.run([PYTHON, str(HERE / "worker.py"), str(self.dir), module, str(prog)],
                                  capture_output=True, text=True, env=env, timeout=60)
            out, rc = proc.stdout, proc.returncode
        except subprocess.TimeoutExpired as e:
            out, rc = (e.stdout or b"").decode(), "timeout"
        results = [json.loads(r) for r in out.splitlines()]
        if rc != 0 and len(results) < len(lines):
            results.append(f"CRASH {rc}")
        return results


# Stock CFFI builds the oracle module _fz_cffi in the seed's directory
# (cffi_oracle's builder, as for the e2e scenarios' oracle leg).
ORACLE_BUILD = "import sys, cffi_oracle; cffi_oracle.build(sys.argv[1], sys.argv[1], 'fz', module='_fz_cffi')"


def deliberate():
    """[(op pattern, oracle result pattern or None)] of deliberate_differences.txt:
    those ops' results are not compared (when the oracle's result matches)."""
    pats = []
    for line in (HERE / "deliberate_differences.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            fields = line.split("\t")
            pats.append((re.compile(fields[0]), re.compile(fields[1]) if len(fields) > 2 else None))
    return pats


def _deliberate(skip, line, want):
    return any(op.search(line) and (res is None or res.search(want)) for op, res in skip)


# Ops that change no state: a divergence there does not end the comparison.
QUERY = re.compile(r"^(ffi\.(typeof|sizeof|alignof|offsetof|getctype|string|unpack)\(|isinstance\(|len\(|"
                   r"repr\(|bytes\(ffi\.buffer|sorted\(dir|list\(|bool\(|int\(|float\(|hash\()[^=]*$")


def _at(results, i):
    return results[i] if i < len(results) else "(not run)"


def divergences(lines, oracle, got, skip):
    """[(index, oracle's, got)]: up to the first divergence of an op that
    may change state (what follows it may only echo it)."""
    found = []
    for i, line in enumerate(lines):
        if i >= len(oracle) and i >= len(got):
            break
        want, have = _at(oracle, i), _at(got, i)
        if want != have and not _deliberate(skip, line, want):
            found.append((i, want, have))
            if not QUERY.match(line):
                break
    return found


def minimise(seed, leg, lines, index, skip, budget):
    """Drop ops before `index` while the same op still diverges the same way."""
    target, deadline = lines[index], time.time() + budget
    want, have = (_at(seed.run(which, lines), index) for which in ("oracle", leg))
    kept = list(lines[: index + 1])
    i = len(kept) - 2
    while i >= 0 and time.time() < deadline:
        trial = kept[:i] + kept[i + 1:]
        found = divergences(trial, seed.run("oracle", trial), seed.run(leg, trial), skip)
        if (len(trial) - 1, want, have) in found:
            kept = trial
        i -= 1
    return kept


def fuzz_seed(args, seed, skip, listed=()):
    """The findings of one seed: dicts with key, leg, op, oracle, got, repro
    (minimised unless the finding is `listed`)."""
    s = Seed(args, seed)
    failed = s.build()
    if failed and failed[0] == "skip":
        return []  # stock CFFI refuses the cdef: nothing to compare with
    if failed:
        return [dict(key=f"{seed}/build", leg="ffigen", op="build", oracle="ok",
                     got=" | ".join(failed[1]), repro=s.cdef)]
    findings = []
    for k in range(args.programs):
        lines = opgen.generate(random.Random(f"{seed}-{k}"), s.model, args.ops)
        oracle = s.run("oracle", lines)
        for leg in LEGS:
            for i, want, have in divergences(lines, oracle, s.run(leg, lines), skip):
                f = dict(key=f"{seed}/{k}/{i}", leg=leg, op=lines[i], oracle=want, got=have)
                repro = lines[: i + 1]
                if args.minimise_seconds and entry(f) not in listed:
                    repro = minimise(s, leg, lines, i, skip, args.minimise_seconds)
                f["repro"] = "# cdef\n" + s.cdef + "# preamble\n" + s.preamble + "# ops\n" + "\n".join(repro)
                findings.append(f)
    return findings


def entry(f):
    return "\t".join([f["key"], f["leg"], f["op"], f["oracle"], f["got"]])


def known():
    out = {}
    for line in (HERE / "known_divergences.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            fields = line.split("\t")
            out["\t".join(fields[:5])] = fields[5] if len(fields) > 5 else ""
    return out


def seeds(spec):
    out = []
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        out += range(int(lo), int(hi or lo) + 1)
    return out


def report(findings, out):
    for f in findings:  # key: SEED/PROGRAM/OP
        print(f"\n=== seed {f['key']} leg {f['leg']}: {f['op']}\n    oracle: {f['oracle']}\n    {f['leg']}: {f['got']}")
        path = pathlib.Path(out) / f"repro-{f['key'].replace('/', '-')}-{f['leg']}.txt"
        path.write_text(f["repro"] + "\n")
        ops = f["repro"].split("# ops\n", 1)[-1]
        print(f"    reproducer (the cdef and preamble in {path}):\n        " + ops.replace("\n", "\n        "))


def shape(f):
    """A finding's kind: its op without names and values, and the results' kinds."""
    op = re.sub(r"-?\d+(\.\d+)?(e\d+)?", "N", re.sub(r"'[^']*'", "S", re.sub(r"\bv\d+", "V", f["op"])))
    kind = lambda r: r if r.startswith("!") or r.startswith("CRASH") else "value"
    return f"{f['leg']}: {op[:70]} -- oracle {kind(f['oracle'])}, {f['leg']} {kind(f['got'])}"


def summary(findings):
    groups = {}
    for f in findings:
        groups.setdefault(shape(f), []).append(f["key"])
    for s, keys in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(keys):4} x {s}   (e.g. seed {keys[0]})")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ffigen", required=True)
    ap.add_argument("--runtime-dir", required=True, help="where _ffigen_runtime is")
    ap.add_argument("--work", default="fuzz-work")
    ap.add_argument("--seeds", default="1-20", help="e.g. 1-6,9 (the short, strict run)")
    ap.add_argument("--minutes", type=float, help="long run: fresh seeds until the time is up")
    ap.add_argument("--minutes-from-env", action="store_true",
                    help="--minutes $FFIGEN_FUZZ_MINUTES (ctest's differential_fuzz_long); unset: skip (77)")
    ap.add_argument("--first-seed", type=int, default=1000)
    ap.add_argument("--programs", type=int, default=4)
    ap.add_argument("--ops", type=int, default=40)
    ap.add_argument("--minimise-seconds", type=float, default=20)
    ap.add_argument("--write-known", action="store_true", help="rewrite known_divergences.txt (short run)")
    args = ap.parse_args()
    if args.minutes_from_env:
        if not os.environ.get("FFIGEN_FUZZ_MINUTES"):
            print("skipped: FFIGEN_FUZZ_MINUTES is not set")
            return 77
        args.minutes = float(os.environ["FFIGEN_FUZZ_MINUTES"])
    args.ffigen, args.runtime_dir = os.path.abspath(args.ffigen), os.path.abspath(args.runtime_dir)
    skip = deliberate()
    pathlib.Path(args.work).mkdir(parents=True, exist_ok=True)
    if args.minutes:
        return long_run(args, skip)
    listed = known()
    findings = [f for s in seeds(args.seeds) for f in fuzz_seed(args, s, skip, listed)]
    if args.write_known:
        return write_known(findings)
    seen = {entry(f) for f in findings}
    new = [f for f in findings if entry(f) not in listed]
    gone = [k for k in listed if k not in seen]
    report(new, args.work)
    for k in gone:
        print(f"\nFIXED (take it out of known_divergences.txt): {k}")
    print(f"\n{len(findings)} divergences, {len(new)} not listed, {len(gone)} listed but gone")
    return 1 if new or gone else 0


def write_known(findings):
    listed = known()
    head = [l for l in (HERE / "known_divergences.txt").read_text().splitlines() if l.startswith("#")]
    body = [entry(f) + "\t" + (listed.get(entry(f)) or "bug, issue 10") for f in findings]
    (HERE / "known_divergences.txt").write_text("\n".join(head + body) + "\n")
    return 0


def long_run(args, skip):
    end, seed, total = time.time() + 60 * args.minutes, args.first_seed, []
    while time.time() < end:
        found = fuzz_seed(args, seed, skip)
        report(found, args.work)
        total += found
        seed += 1
    print(f"\nlong run: seeds {args.first_seed}-{seed - 1} in {args.minutes} min, {len(total)} divergences:")
    summary(total)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
