#!/usr/bin/env bash
# Measure gazette's speed and write BENCHMARKS.md (issue 6).
#
#   tools/bench_report.sh                 # everything, about 10 minutes on 2 cores
#   tools/bench_report.sh --no-criterion  # reuse the last `cargo bench` results
#   tools/bench_report.sh --no-profile    # skip the callgrind profile
#
# Measures, in this order:
#   1. criterion (`cargo bench --bench extract`): MB/s per stage and end to end on one
#      core at 1 KB, 100 KB and 10 MB, and the bare Aho-Corasick pass;
#   2. cold start (`cargo run --release --example build_time`, 7 runs, median), and the
#      growth from 100 KB to 10 MB timed in alternation in one process
#      (`cargo run --release --example size_ratio`, `SIZE_ROUNDS` rounds, default 9);
#   3. `gazette extract --jsonl` on a generated ~100 MB file (examples/make_jsonl.rs,
#      written to $TMPDIR, never committed) with 1 and 2 worker threads and, for the
#      machine's own ceiling, two 1-thread runs at once, in interleaved rounds
#      (/usr/bin/time); its peak memory with the default threads (/usr/bin/time -v);
#   4. a callgrind profile of one `extract` call on 1 MB and on 10 MB
#      (examples/extract_corpus.rs): the hot spots, and instructions per byte of each
#      stage at both sizes (a stage that is not linear shows there, whatever the load).
# then renders BENCHMARKS.md from the figures. Needs cargo, python3, /usr/bin/time;
# valgrind when present. Run it on a quiet machine: the load average
# is recorded in the report because other work skews every figure.
set -euo pipefail
cd "$(dirname "$0")/.."

criterion=1
profile=1
for arg in "$@"; do
  case "$arg" in
    --no-criterion) criterion=0 ;;
    --no-profile) profile=0 ;;
    *) echo "usage: $0 [--no-criterion] [--no-profile]" >&2; exit 2 ;;
  esac
done

target="${CARGO_TARGET_DIR:-target}"
work="$(mktemp -d "${TMPDIR:-/tmp}/gazette-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
jsonl="${TMPDIR:-/tmp}/gazette-bench-100MB.jsonl"
results="$work/results.txt"
: > "$results"
note() { echo "$1=$2" >> "$results"; }

note date "$(date -u '+%Y-%m-%d %H:%M UTC')"
note commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
note cpu "$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || echo unknown)"
note cores "$(nproc)"
note rustc "$(rustc --version)"
note load_start "$(cut -d' ' -f1-3 /proc/loadavg)"

echo "== building" >&2
cargo build --release --bin gazette --example build_time --example make_jsonl --example extract_corpus --example size_ratio >&2

# The figures the targets read, saved after each criterion run: the full run, then
# REPEATS runs of those cases alone. The machine's speed drifts by a third from one
# minute to the next (other tenants of the host), so the targets use the median.
save_targets() {
  for case in news-100KB/extract news-100KB/aho_corasick news-10MB/extract; do
    f="$target/criterion/$case/new/estimates.json"
    [ -f "$f" ] && echo "$case $(python3 -c 'import json,sys; e=json.load(open(sys.argv[1])); print((e.get("slope") or e["mean"])["point_estimate"])' "$f")"
  done >> "$work/repeats.txt"
}
: > "$work/repeats.txt"
if [ "$criterion" = 1 ]; then
  echo "== cargo bench --bench extract (a few minutes)" >&2
  cargo bench --bench extract >&2
  save_targets
  for i in $(seq "${REPEATS:-4}"); do
    echo "== repeat $i: the target cases alone" >&2
    cargo bench --bench extract -- '^news-(100KB/(extract|aho_corasick)|10MB/extract)$' >&2
    save_targets
  done
fi

echo "== cold start" >&2
for _ in 1 2 3 4 5 6 7; do
  "$target/release/examples/build_time" | sed -n 's/.* built in \([0-9.]*\) ms.*/\1/p'
done > "$work/build_ms.txt"
note build_line "$("$target/release/examples/build_time")"

echo "== 100 KB against 10 MB, in alternation" >&2
# Criterion times the 10 MB case a minute after the 100 KB one, and the machine's speed
# drifts between them; this times both sizes in alternation in one process.
"$target/release/examples/size_ratio" "${SIZE_ROUNDS:-9}" > "$work/size_ratio.txt"

echo "== JSON Lines input" >&2
if [ ! -s "$jsonl" ] || [ "$(stat -c %s "$jsonl")" -lt 99000000 ]; then
  "$target/release/examples/make_jsonl" 100 > "$jsonl"
fi
note jsonl_bytes "$(stat -c %s "$jsonl")"
note jsonl_lines "$(wc -l < "$jsonl")"
gazette="$target/release/gazette"

echo "== gazette extract --jsonl, 1 and 2 threads, and two 1-thread runs at once" >&2
# The machine's speed drifts by a third from one minute to the next, so the thread counts
# are measured in interleaved rounds (one thread, two threads, then two independent
# 1-thread processes at once, the most two workers could get here) and each speed-up is
# taken within its round; the report gives the median. `THREAD_ROUNDS`, default 4.
one=("$gazette" extract --jsonl --quiet --threads 1 "$jsonl")
two=("$gazette" extract --jsonl --quiet --threads 2 "$jsonl")
timed() { # timed NAME COMMAND...: one run, "wall user sys" appended to $work/NAME.txt
  local name=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@" > /dev/null
  cat "$work/time.txt" >> "$work/$name.txt"
}
"$gazette" extract --jsonl --quiet --threads 2 "$jsonl" > /dev/null # warm-up
: > "$work/threads-1.txt"; : > "$work/threads-2.txt"; : > "$work/pair.txt"
for round in $(seq "${THREAD_ROUNDS:-4}"); do
  echo "   round $round" >&2
  timed threads-1 "${one[@]}"
  timed threads-2 "${two[@]}"
  start=$(date +%s.%N)
  "${one[@]}" > /dev/null & "${one[@]}" > /dev/null; wait
  python3 -c "import time; print(time.time() - $start)" >> "$work/pair.txt"
done
note jsonl_tool "/usr/bin/time"

echo "== peak memory" >&2
/usr/bin/time -v "$gazette" extract --jsonl --quiet "$jsonl" > /dev/null 2> "$work/time-v.txt"
note peak_kb "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time-v.txt")"
note peak_secs "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time-v.txt")"

if [ "$profile" = 1 ] && command -v valgrind > /dev/null; then
  echo "== callgrind profile of extract on 1 MB" >&2
  for mb in 1 10; do
    valgrind --tool=callgrind --toggle-collect='gazette::extractor::Extractor::extract' \
      --callgrind-out-file="$work/callgrind-$mb.out" \
      "$target/release/examples/extract_corpus" $mb >&2 2> "$work/valgrind-$mb.log"
  done
  for kind in no yes; do
    callgrind_annotate --auto=no --threshold=100 --inclusive=$kind "$work/callgrind-1.out" \
      2> /dev/null > "$work/inclusive-$kind.txt" || true
  done
  callgrind_annotate --auto=no --threshold=100 --inclusive=yes "$work/callgrind-10.out" \
    2> /dev/null > "$work/inclusive-10MB.txt" || true
fi
note load_end "$(cut -d' ' -f1-3 /proc/loadavg)"

echo "== writing BENCHMARKS.md" >&2
python3 - "$work" "$target/criterion" > BENCHMARKS.md <<'PY'
import json, os, re, statistics, sys

work, criterion = sys.argv[1], sys.argv[2]
r = {}
for line in open(os.path.join(work, "results.txt"), encoding="utf-8"):
    k, _, v = line.rstrip("\n").partition("=")
    r[k] = v

SIZES = [("1KB", "1 KB"), ("100KB", "100 KB"), ("10MB", "10 MB")]
STAGES = [
    ("tokenize", "tokenize", "`tokenize`"),
    ("segment", "segment", "`segment`"),
    ("gazetteer", "gazetteer match", "`Normalized::new` + `Gazetteer::find`"),
    ("entity_rules", "entity rules + resolve", "`rules::*`, `resolve` (twice)"),
    ("link", "link", "`link::link`"),
    ("quotes", "quotes", "`quotes::find_quotes`"),
    ("extract", "**full extract**", "`Extractor::extract`"),
    ("extract_one_piece", "full extract, one piece", "`with_section_bytes(usize::MAX)`"),
    ("aho_corasick", "bare Aho-Corasick pass (ceiling)", "`automaton().try_find_overlapping_iter`"),
]

def estimate(size, stage):
    """(seconds per iteration, bytes) from criterion's files, or None."""
    base = os.path.join(criterion, f"news-{size}", stage, "new")
    try:
        est = json.load(open(os.path.join(base, "estimates.json")))
        bench = json.load(open(os.path.join(base, "benchmark.json")))
    except OSError:
        return None
    point = (est.get("slope") or est["mean"])["point_estimate"] / 1e9
    throughput = bench.get("throughput") or {}
    nbytes = throughput.get("BytesDecimal") or throughput.get("Bytes")
    return point, nbytes

def mbps(e):
    return e[1] / e[0] / 1e6 if e else None

def fmt(x, digits=1):
    return "n/a" if x is None else f"{x:,.{digits}f}"

def fmt_time(s):
    if s is None:
        return "n/a"
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6)):
        if s >= scale:
            return f"{s / scale:,.2f} {unit}"
    return f"{s / 1e-9:,.0f} ns"

def yes(ok):
    return "n/a" if ok is None else ("**met**" if ok else "**not met**")

est = {(s, st): estimate(s, st) for s, _ in SIZES for st, _, _ in STAGES}
full = {s: mbps(est[(s, "extract")]) for s, _ in SIZES}
ceiling = {s: mbps(est[(s, "aho_corasick")]) for s, _ in SIZES}
share = {s: (full[s] / ceiling[s] if full[s] and ceiling[s] else None) for s, _ in SIZES}
t100k, t10m = est[("100KB", "extract")], est[("10MB", "extract")]
byte_growth = t10m[1] / t100k[1] if t100k and t10m else None
# Repeated runs of the target cases: seconds per call, one list per case.
repeats = {}
for line in open(os.path.join(work, "repeats.txt"), encoding="utf-8"):
    case, ns = line.split()
    repeats.setdefault(case, []).append(float(ns) / 1e9)
def median_of(case, fallback):
    runs = repeats.get(case)
    return (statistics.median(runs), len(runs)) if runs else ((fallback[0], 1) if fallback else (None, 0))
m100k, n100k = median_of("news-100KB/extract", t100k)
mac, nac = median_of("news-100KB/aho_corasick", est[("100KB", "aho_corasick")])
m10m, n10m = median_of("news-10MB/extract", t10m)
runs = min(n100k, nac, n10m)
full_median = t100k[1] / m100k / 1e6 if m100k else None
# The two ratios are taken within each run (the cases of one run are measured a minute
# apart at most, while the machine's speed drifts from run to run), then their median.
# The ratio of the medians is shown beside them.
def per_run(num, den):
    a, b = repeats.get(num, []), repeats.get(den, [])
    return [x / y for x, y in zip(a, b) if y]
share_runs = per_run("news-100KB/aho_corasick", "news-100KB/extract")
growth_runs = per_run("news-10MB/extract", "news-100KB/extract")
share_median = statistics.median(share_runs) if share_runs else (mac / m100k if m100k and mac else None)
growth = statistics.median(growth_runs) if growth_runs else (m10m / m100k if m100k and m10m else None)
share_of_medians = mac / m100k if m100k and mac else None
growth_of_medians = m10m / m100k if m100k and m10m else None
# 100 KB against 10 MB in alternation (examples/size_ratio.rs): one ratio a round.
size_rounds = [float(m.group(1)) for m in re.finditer(r"^round \d+: .*ratio ([0-9.]+)x$",
               open(os.path.join(work, "size_ratio.txt"), encoding="utf-8").read(), re.M)]
alternating = statistics.median(size_rounds) if size_rounds else None
build = sorted(float(x) for x in open(os.path.join(work, "build_ms.txt")).read().split())
build_median = statistics.median(build) if build else None
def rows(name):
    return [[float(x) for x in line.split()] for line in open(os.path.join(work, name)) if line.strip()]
one_runs, two_runs = rows("threads-1.txt"), rows("threads-2.txt")
pair_runs = [x[0] for x in rows("pair.txt")]
s1 = statistics.median(x[0] for x in one_runs)
s2 = statistics.median(x[0] for x in two_runs)
cpu1 = statistics.median(x[1] + x[2] for x in one_runs)
cpu2 = statistics.median(x[1] + x[2] for x in two_runs)
# Speed-ups within each round (measured seconds apart), then their median.
speedup_runs = [a[0] / b[0] for a, b in zip(one_runs, two_runs)]
ceiling_runs = [2 * a[0] / c for a, c in zip(one_runs, pair_runs)]
speedup = statistics.median(speedup_runs)
rounds = len(one_runs)
ceiling = statistics.median(ceiling_runs)
jb, jl = int(r["jsonl_bytes"]), int(r["jsonl_lines"])
peak_mb = int(r["peak_kb"]) * 1024 / 1e6

out = []
p = out.append
p("# Benchmarks")
p("")
p(f"Measured on {r['date']} by `tools/bench_report.sh`, which wrote this file; run it again")
p("to refresh every figure (`--no-criterion` reuses the last `cargo bench` results).")
p("")
p(f"- Commit: {r['commit']}")
p(f"- Machine: {r['cpu']}, {r['cores']} cores; {r['rustc']}")
p(f"- Load average (1, 5, 15 min) at the start: {r['load_start']}; at the end: {r['load_end']}.")
p("  Anything above about 0.5 means other work shared the cores, and every figure below is")
p("  lower (and the thread scaling worse) than on a quiet machine.")
p("- Text: `benches/corpus.rs`, generated news articles (fixed seed, license-clean): headlines,")
p("  datelines, titles and names, countries, cities and organisations, quotations of every")
p("  shape with their attributions, ordinary prose. MB are 10^6 bytes.")
p("")
p("## Targets (issue 6)")
p("")
p("| target | measured | |")
p("| --- | --- | --- |")
p(f"| full extract ≥ 30 MB/s on one core | {fmt(full_median)} MB/s at 100 KB (median of {runs} runs) | {yes(full_median and full_median >= 30)} |")
p(f"| full extract ≥ 25% of the bare Aho-Corasick pass | {fmt(share_median * 100 if share_median else None)}% (median of the per-run ratios; ratio of the medians {fmt(share_of_medians * 100 if share_of_medians else None)}%) | {yes(share_median and share_median >= 0.25)} |")
p(f"| 10 MB takes ≤ 110× the time of 100 KB | criterion: {fmt(growth)}× (median of the per-run ratios; ratio of the medians {fmt(growth_of_medians)}×; {fmt(byte_growth)}× the bytes); "
  f"the two sizes in alternation in one process: {fmt(alternating)}× (median of {len(size_rounds)} rounds) | criterion {yes(growth and growth <= 110)}, alternation {yes(alternating and alternating <= 110)} |")
p(f"| default `Extractor` builds in ≤ 150 ms | {fmt(build_median)} ms (median of {len(build)}) | {yes(build_median is not None and build_median <= 150)} |")
p(f"| `gazette extract --jsonl` on 100 MB peaks < 300 MB | {fmt(peak_mb)} MB | {yes(peak_mb < 300)} |")
p(f"| two threads ≥ 1.7× one thread | {speedup:.2f}× (median of the per-round ratios; ratio of the medians {s1 / s2:.2f}×; two independent runs at once: {ceiling:.2f}×) | {yes(speedup >= 1.7)} |")
p("")
p("The first three rows take the median of the full criterion run and of "
  f"{max(runs - 1, 0)} more runs of")
p("those cases alone (`REPEATS`, default 4), because this machine's speed drifts by up to a third")
p("from one minute to the next. Every run, in MB/s:")
p("")
for case in ("news-100KB/extract", "news-100KB/aho_corasick", "news-10MB/extract"):
    size = "100KB" if "100KB" in case else "10MB"
    nbytes = (est[(size, "extract")] or (None, None))[1]
    if repeats.get(case) and nbytes:
        p(f"- `{case}`: " + ", ".join(fmt(nbytes / t / 1e6) for t in repeats[case]))
p("")
p("The ratios within each run: extract as a share of the bare pass, "
  + ", ".join(f"{fmt(x * 100)}%" for x in share_runs)
  + "; the 10 MB time over the 100 KB time, " + ", ".join(f"{fmt(x)}×" for x in growth_runs) + ".")
p("")
p("## Throughput per stage, one core")
p("")
p("```sh")
p("cargo bench --bench extract")
p("```")
p("")
p("Criterion, MB/s (input bytes over time per call). Each stage runs on the output of the")
p("stages before it, through the public entry points `Extractor::extract` calls, and each")
p("timed loop asserts its result count. The share column is the stage's time as a part of")
p("the full extract at 100 KB (the stages add up to about the whole). The stages run on the")
p("whole text at every size; `Extractor::extract` reads a text over 128 KiB")
p("(`gazette::SECTION_BYTES`) in sections cut at paragraph breaks, so at 10 MB the full extract")
p("is faster than the sum of its stages. The row below it is the same text read in one piece.")
p("")
p("| stage | entry point | " + " | ".join(label for _, label in SIZES) + " | share at 100 KB |")
p("| --- | --- | " + " | ".join("---:" for _ in SIZES) + " | ---: |")
t_full = est[("100KB", "extract")]
for st, name, entry in STAGES:
    cells = [fmt(mbps(est[(s, st)])) for s, _ in SIZES]
    e = est[("100KB", st)]
    sh = f"{e[0] / t_full[0] * 100:.0f}%" if e and t_full and st not in ("extract", "extract_one_piece", "aho_corasick") else ""
    p(f"| {name} | {entry} | " + " | ".join(cells) + f" | {sh} |")
p("")
p("Full extract as a share of the bare Aho-Corasick pass over the same normalised text: "
  + ", ".join(f"{label}: {fmt(share[s] * 100 if share[s] else None)}%" for s, label in SIZES) + ".")
p("The ceiling is one unanchored overlapping pass of the default automaton (a contiguous NFA)")
p("over the whole normalised text, as `Gazetteer::find_unanchored` does. `Gazetteer::find`")
p("itself walks the same automaton anchored, only from the tokens where a hit can start, so")
p("the gazetteer stage can run faster than its own ceiling.")
p("")
p("## Time against input size")
p("")
p("| input | bytes | full extract | per MB | × the 100 KB time |")
p("| --- | ---: | ---: | ---: | ---: |")
for s, label in SIZES:
    e = est[(s, "extract")]
    if not e:
        continue
    ratio = e[0] / t100k[0] if t100k else None
    p(f"| {label} | {e[1]:,} | {fmt_time(e[0])} | {fmt_time(e[0] / e[1] * 1e6)} | {fmt(ratio, 2)} |")
    whole = est.get((s, "extract_one_piece"))
    if whole:
        ratio = whole[0] / t100k[0] if t100k else None
        p(f"| {label}, one piece | {whole[1]:,} | {fmt_time(whole[0])} | {fmt_time(whole[0] / whole[1] * 1e6)} | {fmt(ratio, 2)} |")
p("")
p("The same growth with both sizes timed in alternation in one process, so that both see the")
p("same machine (`cargo run --release --example size_ratio -- 9`: each round 100 calls on")
p("100 KB, then one call on 10 MB; the 10 MB time over the 100 KB time per call): "
  + ", ".join(f"{x:.1f}×" for x in size_rounds) + f" (median {fmt(alternating)}×).")
p("")
p("Over 128 KiB the text is read in sections of about that size (`Extractor::extract`, the")
p("default), whose tokens and per-token tables stay in the CPU's L2 cache; *one piece* is")
p("`Extractor::new().with_section_bytes(usize::MAX)`, every stage over the whole text at once.")
p("Instructions per byte do not grow with the input (see the profile below): what grows when a")
p("long text is read in one piece is the time each byte costs in memory (page faults on fresh")
p("arrays of tens of megabytes, cache and TLB misses), not the work.")
p("")
p("## Batches: `gazette extract --jsonl`")
p("")
p("```sh")
p("cargo run --release --example make_jsonl -- 100 > /tmp/gazette-bench-100MB.jsonl")
p("for round in " + " ".join(str(i + 1) for i in range(rounds)) + "; do")
p("  /usr/bin/time -f %e target/release/gazette extract --jsonl --quiet --threads 1 /tmp/gazette-bench-100MB.jsonl > /dev/null")
p("  /usr/bin/time -f %e target/release/gazette extract --jsonl --quiet --threads 2 /tmp/gazette-bench-100MB.jsonl > /dev/null")
p("  # the machine's own ceiling: two independent 1-thread runs at once")
p("  time (target/release/gazette extract --jsonl --quiet --threads 1 /tmp/gazette-bench-100MB.jsonl > /dev/null &")
p("    target/release/gazette extract --jsonl --quiet --threads 1 /tmp/gazette-bench-100MB.jsonl > /dev/null; wait)")
p("done")
p("```")
p("")
p(f"Input: {jb / 1e6:,.1f} MB, {jl:,} documents (one generated article a line); the output is")
p(f"the full analysis (`--format full`). After a warm-up run, {rounds} rounds, each timing one")
p("worker thread, two worker threads, and two independent 1-thread processes at once, one")
p("after the other: the speed-ups are taken within each round, because the machine's speed")
p("drifts between rounds. Wall and CPU times are the medians of the rounds.")
p("")
p("| worker threads | wall time | MB/s | documents/s | speed-up | CPU time | cores used |")
p("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for threads, secs, cpu, up in ((1, s1, cpu1, 1.0), (2, s2, cpu2, speedup)):
    p(f"| {threads} | {secs:.2f} s | {jb / 1e6 / secs:,.1f} | {jl / secs:,.0f} | {up:.2f}× "
      f"| {cpu:.2f} s | {cpu / secs:.2f} |")
p("")
p("Speed-up of two worker threads over one in each round: "
  + ", ".join(f"{x:.2f}×" for x in speedup_runs) + f" (median {speedup:.2f}×; ratio of the median times {s1 / s2:.2f}×).")
p("")
p("*Cores used* is CPU time over wall time. With two workers it is about 2 on an idle")
p("machine; well below that, other processes held the cores, and the speed-up measures the")
p("machine's load rather than gazette (the kernel shares the cores between sessions).")
p("The CPU time of the two runs shows the cost of the parallel run itself: reading,")
p("dispatching and writing run beside the workers, the workers share nothing but the")
p("extractor.")
p("")
p("What this machine allows: two single-thread runs at once, as separate processes sharing")
p("nothing, gave " + ", ".join(f"{x:.2f}×" for x in ceiling_runs) + f" the throughput of one run alone")
p(f"in the same rounds (median {ceiling:.2f}×): the two cores share caches and memory bandwidth")
p("(on a virtual machine they may be two threads of one physical core), so each runs slower")
p("when both are busy, and two workers cannot reach 2× here.")
p("")
p("## Peak memory")
p("")
p("```sh")
p("/usr/bin/time -v target/release/gazette extract --jsonl --quiet /tmp/gazette-bench-100MB.jsonl > /dev/null")
p("```")
p("")
p(f"Maximum resident set size: **{fmt(peak_mb)} MB** ({int(r['peak_kb']):,} kB) for {jb / 1e6:,.1f} MB of")
p(f"input with {r['cores']} worker threads, in {r['peak_secs']}. The input is read a window at a")
p("time (at most 4,096 lines or 4 MB), and at most a few windows are in flight, so the peak")
p("does not grow with the input.")
p("")
p("## Cold start")
p("")
p("```sh")
p("cargo run --release --example build_time")
p("```")
p("")
p(f"Building the default `Extractor` (every embedded list): median **{fmt(build_median)} ms** of "
  f"{len(build)} runs (min {fmt(build[0] if build else None)}, max {fmt(build[-1] if build else None)}). Last run: `{r['build_line']}`.")
p("")

def load_profile(path, inclusive):
    """Instructions by function from callgrind_annotate's table. Inlined code is listed
    once per source file: own counts add up, inclusive counts take the largest."""
    total, agg = None, {}
    try:
        lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    except OSError:
        return None, {}
    for line in lines:
        m = re.match(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$", line)
        if not m:
            continue
        count = int(m.group(1).replace(",", ""))
        rest = re.sub(r"\s+\[[^\]]*\]\s*$", "", m.group(2)).strip()
        if rest == "PROGRAM TOTALS":
            total = count
            continue
        # "file:function": a file part never holds "::", a Rust function nearly always does.
        file_part, sep, func = rest.partition(":")
        name = func if sep and "::" not in file_part and not file_part.startswith("<") else rest
        agg[name] = max(agg.get(name, 0), count) if inclusive else agg.get(name, 0) + count
    return total, agg

total, own = load_profile(os.path.join(work, "inclusive-no.txt"), inclusive=False)
_, inclusive = load_profile(os.path.join(work, "inclusive-yes.txt"), inclusive=True)
if total:
    p("## Profile: where `extract` spends its time")
    p("")
    p("```sh")
    p("cargo build --release --example extract_corpus")
    p("valgrind --tool=callgrind --toggle-collect='gazette::extractor::Extractor::extract' \\")
    p("  target/release/examples/extract_corpus 1")
    p("callgrind_annotate --auto=no --threshold=100 --inclusive=no callgrind.out.*")
    p("```")
    p("")
    p(f"One `extract` call on 1 MB of the corpus: {total:,} instructions, {total / 1e6:,.0f} per byte")
    p("of input (callgrind counts instructions, not seconds: the counts are exact and do not")
    p("depend on other work on the machine). Only the call is counted, not the start of the")
    p("process or the extractor's build. The 1 MB text is read in 8 sections, the 10 MB one in 77.")
    p("The first call does build the tables the quotation")
    p("stage makes on first use (its vocabulary, the genders of given names): that is why")
    p("those functions show at 1 MB and nearly vanish, per byte, at 10 MB.")
    p("")
    p("The stages, with everything they call (a function inlined into its caller is")
    p("counted in the caller):")
    p("")
    p("| instructions | function |")
    p("| ---: | --- |")
    rows = sorted(((c, n) for n, c in inclusive.items() if n.startswith("gazette::")), reverse=True)
    for count, name in rows[:25]:
        p(f"| {count / total * 100:.1f}% | `{name[:110]}` |")
    p("")
    total10, inclusive10 = load_profile(os.path.join(work, "inclusive-10MB.txt"), inclusive=True)
    if total10:
        p("Instructions per byte of input at 1 MB and at 10 MB, by stage (equal figures: linear;")
        p("a stage whose figure grows with the input is superlinear):")
        p("")
        p("| function | per byte at 1 MB | per byte at 10 MB | ratio |")
        p("| --- | ---: | ---: | ---: |")
        for count, name in rows[:25]:
            one, ten = count / 1e6, inclusive10.get(name, 0) / 1e7
            p(f"| `{name[:90]}` | {one:,.1f} | {ten:,.1f} | {ten / one:.2f} |")
        p("")
    p("The top functions by their own instructions (library code inlined into a function")
    p("of gazette is counted in that function):")
    p("")
    p("| instructions | function |")
    p("| ---: | --- |")
    for name, count in sorted(own.items(), key=lambda kv: -kv[1])[:20]:
        p(f"| {count / total * 100:.1f}% | `{name[:110]}` |")
    p("")
print("\n".join(out))
PY
echo "BENCHMARKS.md written" >&2
