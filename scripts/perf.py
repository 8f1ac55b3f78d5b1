#!/usr/bin/env python3
"""Issue 5's table in one run: keystroke latency of `nianbao lsp` at 20 KB and 2 MB, a typing
burst, didOpen, JSON per keystroke, memory, and `nianbao check` throughput over 10,000 reports;
AutoCorrect's language server on the same 20 KB draft when npm can install it; `nianbao check` of a
50-page report as Markdown, Word and a web page (examples/report_files.rs) and of a PDF fixture.

    python3 scripts/perf.py [--edits 300] [--files 10000] [--no-build] [--no-autocorrect]

Everything runs on this machine through stdio with ../shared/tools/lsp_latency.py (the
harness); drafts come from `nianbao gen`. Prints a Markdown table. Standard library only.
Numbers, not assertions: nothing here fails because the machine is slow.
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "nianbao")
WORK = os.path.join(ROOT, "target", "perf")
AUTOCORRECT_VERSION = "2.14.0"


def harness_path():
    for p in [os.environ.get("NIANBAO_LSP_LATENCY", ""),
              os.path.join(ROOT, "..", "shared", "tools", "lsp_latency.py")]:
        if p and os.path.exists(p):
            return p
    sys.exit("perf.py: lsp_latency.py not found (set NIANBAO_LSP_LATENCY)")


def pct(xs, q):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def gen(path, size, broken=2):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        subprocess.run([BIN, "gen", "--bytes", str(size), "--broken", str(broken)], stdout=f, check=True)


def latency(server, file, edits, extra=()):
    out = os.path.join(WORK, "latency-%d.json" % time.monotonic_ns())
    cmd = [sys.executable, harness_path(), "--server", server, "--file", file,
           "--edits", str(edits), "--json", out, *extra]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0 or not os.path.exists(out):
        sys.exit("perf.py: harness failed:\n" + r.stdout + r.stderr)
    with open(out) as f:
        d = json.load(f)
    os.unlink(out)
    return d


def finals(d, key="final_ms"):
    return [s[key] for s in d["samples"] if s.get(key) is not None]


def ensure_autocorrect():
    """AutoCorrect's server from the npm registry, cached under target/perf."""
    if shutil.which("npm") is None:
        return None
    prefix = os.path.join(WORK, "autocorrect")
    exe = os.path.join(prefix, "node_modules", ".bin", "autocorrect")
    if not os.path.exists(exe):
        r = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", prefix,
                            "autocorrect-node@" + AUTOCORRECT_VERSION], capture_output=True, text=True)
        if r.returncode != 0 or not os.path.exists(exe):
            print("perf.py: npm could not install autocorrect-node; skipping the comparison", file=sys.stderr)
            return None
    return exe + " server"


def memory():
    r = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "lsp_memory.py"),
                        "--server", BIN + " lsp", "--cycles", "0"], capture_output=True, text=True)
    for line in r.stdout.splitlines():
        if "open:" in line:
            return line.split("open:")[1].strip()
    return "n/a"


def batch(files, jobs):
    folder = os.path.join(WORK, "batch-%d" % files)
    marker = os.path.join(folder, ".complete")
    if not os.path.exists(marker):
        shutil.rmtree(folder, ignore_errors=True)
        # Three in four with one broken total, the rest clean; about 15 KB each.
        subprocess.run([BIN, "gen", "--out", folder, "--count", str(files), "--bytes", "15000",
                        "--broken", "1"], check=True)
        open(marker, "w").close()
    size = sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder) if n.endswith(".md"))
    # One run to bring the files into the page cache, then the best of three.
    runs = []
    for _ in range(4):
        t = time.perf_counter()
        subprocess.run([BIN, "check", "--quiet", "--jobs", str(jobs), folder],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs.append(time.perf_counter() - t)
    best = min(runs[1:])
    return size, best


def wall(args, runs=21):
    """Median and minimum wall time of a command (ms), after one warm-up run."""
    ts = []
    for _ in range(runs + 1):
        t = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ts.append((time.perf_counter() - t) * 1e3)
    ts = sorted(ts[1:])
    return statistics.median(ts), ts[0]


def formats():
    """`nianbao check` on one 50-page report (150 KB of Markdown, 45,000 characters) as Markdown,
    Word and a web page (examples/report_files.rs), and on the PDF fixtures."""
    d = os.path.join(WORK, "formats")
    subprocess.run(["cargo", "run", "--release", "--quiet", "--example", "report_files", "--", d, "150000"],
                   cwd=ROOT, check=True)
    rows = []
    for name, what in (("report.md", "Markdown"), ("report.docx", "Word (.docx)"), ("report.html", "web page (.html)")):
        f = os.path.join(d, name)
        med, low = wall([BIN, "check", "--quiet", f])
        rows.append(("`nianbao check` of a 50-page report as %s (%d KB), whole process" % (what, os.path.getsize(f) // 1024),
                     "< 50 ms" if name != "report.md" else "", "median %.1f ms (min %.1f)" % (med, low)))
    pdf = os.path.join(ROOT, "tests/fixtures/inputs/004_58318878f8bfac1e.pdf")
    med, low = wall([BIN, "check", "--quiet", pdf])
    rows.append(("`nianbao check` of a 5-page PDF (seed 004 printed by LibreOffice, %d KB)" % (os.path.getsize(pdf) // 1024),
                 "", "median %.1f ms (min %.1f)" % (med, low)))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--edits", type=int, default=300)
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--no-autocorrect", action="store_true")
    a = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    if not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    server = BIN + " lsp"
    # Each draft alone in its folder: the cross-year scan sees no neighbours.
    small = os.path.join(WORK, "d20k", "draft-20k.md")
    big = os.path.join(WORK, "d2m", "draft-2m.md")
    gen(small, 20_000)
    gen(big, 2_000_000)

    rows = []
    s = latency(server, small, a.edits, ["--warmup", "10", "--check-ranges"])
    b = latency(server, big, a.edits, ["--warmup", "10", "--check-ranges"])
    s50, s99 = pct(finals(s), .5), pct(finals(s), .99)
    b50, b99 = pct(finals(b), .5), pct(finals(b), .99)
    rows.append(("20 KB report, sequential edits: didChange → publish", "p50 ≤ 1 ms, p99 ≤ 2 ms",
                 "p50 %.2f ms, p99 %.2f ms" % (s50, s99)))
    rows.append(("2 MB report, same", "p50 ≤ 2 ms, p99 ≤ 5 ms", "p50 %.2f ms, p99 %.2f ms" % (b50, b99)))
    burst = latency(server, big, 100, ["--burst-ms", "30", "--bursts", "10"])
    # 100 edits in 10 bursts: 10 keys 30 ms apart each.
    last = finals(burst, "final_from_keystroke_ms")
    rows.append(("2 MB, 10 keys 30 ms apart, last key → final publish", "≤ 10 ms beyond the debounce",
                 "median %.2f ms, max %.2f ms (no debounce)" % (statistics.median(last), max(last))))
    rows.append(("didOpen of the 2 MB report → first publish", "≤ 100 ms", "%.1f ms" % b["open"]["final_ms"]))
    rows.append(("p50 (2 MB) / p50 (20 KB)", "≤ 2", "%.2f" % (b50 / s50)))
    size, secs = batch(a.files, a.jobs)
    rows.append(("`nianbao check` over %d reports (%.0f MB)" % (a.files, size / 1e6), "≥ 100 MB/s",
                 "%.2f s, %.0f MB/s (--jobs %d, warm cache)" % (secs, size / 1e6 / secs, a.jobs)))
    rows.extend(formats())
    rows.append(("memory: 100 open 20 KB reports + one 2 MB report", "≤ 100 MB resident", memory()))
    publishes = a.edits + 10 + 1
    rows.append(("JSON published per keystroke on the 2 MB report", "proportional to findings",
                 "%.1f KB per publish (%d diagnostics); 20 KB: %.1f KB (%d)" % (
                     b["bytes_from_server"] / publishes / 1e3, b["open"]["diagnostics"],
                     s["bytes_from_server"] / publishes / 1e3, s["open"]["diagnostics"])))
    problems = [k for d in (s, b) for k, v in (d.get("range_problems") or {}).items() if v]
    print("| measure | target | nianbao |")
    print("|---|---|---|")
    for r in rows:
        print("| %s | %s | %s |" % r)
    if problems:
        print("\nrange problems:", problems)
    if not a.no_autocorrect:
        ac = ensure_autocorrect()
        if ac:
            c = latency(ac, small, min(a.edits, 100), ["--warmup", "3"])
            c50, c99 = pct(finals(c), .5), pct(finals(c), .99)
            print("\nAutoCorrect %s (npm autocorrect-node %s) on the same 20 KB draft: p50 %.2f ms, p99 %.2f ms;"
                  " nianbao p50 %.2f ms: AutoCorrect / nianbao = %.1f×" % (
                      c["server_info"].get("version", "?"), AUTOCORRECT_VERSION, c50, c99, s50, c50 / s50))


if __name__ == "__main__":
    main()
