#!/usr/bin/env python3
"""Truth-discovery benchmark: our engine against the PyPI `truthdiscovery` 1.0.4 library.

1. Installs the peer if needed (`pip install --no-deps truthdiscovery==1.0.4 numpy scipy
   bidict`; its drawing modules `cairo`, `imageio`, `imageio.v2` are stubbed).
2. Book data (../shared/truth/book, prepared by prepare_book.py into --work): runs the peer's
   methods (algorithm time only, from its Result.time_taken) and ours through the `claims`
   binary (built from this checkout unless --claims is given): `claims init DIR`,
   `claims --workspace DIR import --create-sources FILE`, `claims --workspace DIR trust
   --method NAME --json`.
3. Synthetic speed run with the peer's `SyntheticData` (default 1,000 sources x 100,000
   objects x 5% coverage, domain 4; smaller via flags since its generator takes minutes),
   accuracy against the generator's truth.

Every row runs the same model with the same parameters on both sides. TruthFinder has three
rows: `truthfinder` with our default implication (each other value of an object implies -0.5:
the paper's `sim - base_sim` with `sim = 0`), given to the peer as its implication matrix, each
side with its own stopping threshold (ours 1e-4, the peer's 1e-3, so ours may iterate more);
`truthfinder-noimp` with the peer's defaults on both sides (no implication, threshold 1e-3),
ours through the `truth_bench` benchmark (bench/src/bin); on Book, `truthfinder-imp` with a Jaccard implication
between author sets on both sides.

Accuracy: share of gold objects whose highest-confidence value equals the gold value, ties
to the lexicographically smallest value (both sides). On synthetic data, as the peer's
SupervisedData does, objects with a single claimed value are skipped.

Usage: python3 bench/truth/run.py [--work /tmp/claims-truth-bench] [--claims BIN]
       [--bench-bin BIN] [--sources 1000 --objects 100000 --coverage 0.05] [--skip-synthetic]
       [--repeat 3]

Two timings on each side: the first run (cold: the peer's first call of the method in its
process, ours the `claims` binary in a fresh process) and the best of --repeat runs in one
process (warm: the peer's repeated calls, ours the `truth_bench` benchmark (bench/src/bin)'s --repeat, the same
engine on the same file). The synthetic data set is kept in --work (a pickle keyed by its
parameters) so later runs skip the generator.
"""
import argparse
import copy
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
import types

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_BOOK = os.path.normpath(os.path.join(REPO, "..", "shared", "truth", "book"))
OUR_METHODS = ["majority", "sums", "average-log", "investment", "pooled-investment", "truthfinder", "crh"]
VARIANT_ROWS = ["truthfinder-noimp", "truthfinder-imp"]
# Our TruthFinder's default implication between different values of one object is -0.5.
TF_CONFLICT = 0.5
# Table rows to run (`--methods`); None runs them all.
WANTED = None


def wanted(row):
    """Whether `--methods` asked for this table row (a method or a TruthFinder variant)."""
    return WANTED is None or row in WANTED


def ensure_peer():
    """Imports the peer library, installing it first when missing."""
    for name in ("cairo", "imageio", "imageio.v2"):
        sys.modules.setdefault(name, types.ModuleType(name))
    try:
        import truthdiscovery  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                               "truthdiscovery==1.0.4", "numpy", "scipy", "bidict", "typing_extensions"])
    import truthdiscovery
    return truthdiscovery


def jaccard_implication(_var, a, b):
    """TruthFinder implication between two author-set values: Jaccard - 0.5."""
    sa, sb = set(a.split(";")), set(b.split(";"))
    union = len(sa | sb)
    return (len(sa & sb) / union if union else 0.0) - 0.5


def pick(beliefs):
    """Best value of a {value: confidence} mapping: highest, ties to the smallest string."""
    best = max(beliefs.values())
    return min(str(v) for v, c in beliefs.items() if c == best)


def accuracy(predictions, gold, claimed=None):
    """Share of gold objects predicted right; with `claimed`, objects with one value skipped."""
    total = hit = 0
    for obj, value in gold.items():
        if claimed is not None and len(claimed.get(obj, ())) < 2:
            continue
        total += 1
        hit += predictions.get(obj) == value
    return hit / total if total else float("nan")


def peer_methods(td):
    """The peer's algorithms under our method names, with library defaults."""
    a = td.algorithm
    return [
        ("majority", lambda: a.MajorityVoting()),
        ("sums", lambda: a.Sums()),
        ("average-log", lambda: a.AverageLog()),
        ("investment", lambda: a.Investment()),
        ("pooled-investment", lambda: a.PooledInvestment()),
        ("truthfinder", lambda: a.TruthFinder()),
        ("truthfinder-noimp", lambda: a.TruthFinder()),
        ("truthfinder-imp", lambda: a.TruthFinder()),
        ("crh", lambda: a.CRH()),
    ]


def with_conflict(data, conflict):
    """A copy of a peer Dataset in which every value of a variable implies `-conflict` for
    each other value: TruthFinder's `sim - base_sim` with `sim = 0`, our default. It is the
    matrix `Dataset(..., implication_function=lambda *_: -conflict)` builds, made from the
    mutual-exclusion matrix instead of one Python call per pair (minutes at 5M claims)."""
    import scipy.sparse
    out = copy.copy(data)
    others = (data.mut_ex - scipy.sparse.identity(data.num_claims, format="csr")).tocsr()
    others.eliminate_zeros()
    out.imp = (-conflict * others).tocsr()
    return out


def run_peer(td, triples, gold, claimed=None, skip=(), label="", dataset=None, fmt=str, repeat=1):
    """Runs every peer method (on `dataset`, else on a Dataset of `triples`); returns
    {row: (accuracy, best seconds, iterations, first seconds)}, best of `repeat` runs; `fmt` maps
    peer values to gold strings. `truthfinder` runs with our default implication (every other
    value of the object implies -0.5), `truthfinder-noimp` with the peer's (none), so each
    row compares the same computation on both sides."""
    plain = dataset if dataset is not None else td.Dataset(triples)
    with_imp = conflicting = None
    out = {}
    for name, make in peer_methods(td):
        if name in skip or not wanted(name):
            continue
        data = plain
        if name == "truthfinder-imp":
            if with_imp is None:
                with_imp = td.Dataset(triples, implication_function=jaccard_implication)
            data = with_imp
        if name == "truthfinder":
            if conflicting is None:
                conflicting = with_conflict(plain, TF_CONFLICT)
                if triples is not None:  # small data: check against the library's own route
                    slow = td.Dataset(triples, implication_function=lambda *_: -TF_CONFLICT)
                    assert abs(slow.imp - conflicting.imp).max() == 0, "implication matrices differ"
            data = conflicting
        print(f"  peer {label}{name} ...", file=sys.stderr, flush=True)
        res = make().run(data)
        first = best = res.time_taken
        for _ in range(repeat - 1):
            best = min(best, make().run(data).time_taken)
        preds = {str(var): pick({fmt(v): c for v, c in bel.items()}) for var, bel in res.belief.items()}
        out[name] = (accuracy(preds, gold, claimed), best, res.iterations, first)
    return out


def build_ours(claims, bench):
    """Paths of the `claims` binary and the `truth_bench` benchmark (bench/src/bin); unless both are given they
    are built from this checkout in release mode first (a stale binary would time old code)."""
    if not (claims and bench):
        for target in (["-p", "claims-cli"], ["-p", "claims-bench", "--bin", "truth_bench"]):
            subprocess.check_call(["cargo", "build", "--release", "--quiet", *target], cwd=REPO)
    return (claims or os.path.join(REPO, "target", "release", "claims"),
            bench or os.path.join(REPO, "target", "release", "truth_bench"))


def last_json(cmd):
    """The last JSON document a command prints: `claims --json` pretty-prints one, the benchmark
    prints one per line."""
    text = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return json.loads(text.strip().splitlines()[-1])


def run_ours(claims_bin, bench_bin, claims_file, gold, work, claimed=None, jaccard=False, repeat=1):
    """Runs our methods; returns {row: (accuracy, best seconds, iterations, first seconds)}.

    Each timing has the peer's as its counterpart. `first` is one cold run: the `claims`
    binary in a fresh process (`init`, `import --create-sources`, `trust --method M --json`),
    paying its page faults and cold caches as the peer's first call pays its warm-up. `best` is
    the best of `repeat` runs in one process, as the peer's best of `repeat` calls in its
    process: the `truth_bench` benchmark (bench/src/bin), the same engine on the same file, which also runs the
    TruthFinder variants the CLI has no switch for, cold and warm (`truthfinder-noimp`: the
    peer's defaults, no implication and a cosine threshold of 1e-3; with `jaccard`,
    `truthfinder-imp`).
    Accuracy and iterations are the cold run's."""
    ws = os.path.join(work, "ws-" + os.path.basename(claims_file).split(".")[0])
    shutil.rmtree(ws, ignore_errors=True)
    subprocess.check_call([claims_bin, "init", ws])
    subprocess.check_call([claims_bin, "--workspace", ws, "import", "--create-sources", claims_file])
    bench = [bench_bin, claims_file, "--json", "--method"]
    rows = [(m, [claims_bin, "--workspace", ws, "trust", "--method", m, "--json"], bench + [m])
            for m in OUR_METHODS if wanted(m)]
    noimp = bench + ["truthfinder", "--tf-conflict", "0", "--epsilon", "0.001"]
    rows.append(("truthfinder-noimp", noimp, noimp))
    if jaccard:
        rows.append(("truthfinder-imp", bench + ["truthfinder-imp"], bench + ["truthfinder-imp"]))
    rows = [r for r in rows if wanted(r[0])]
    out = {}
    for m, cold, warm in rows:
        print(f"  ours {m} ...", file=sys.stderr, flush=True)
        doc = last_json(cold)
        best = last_json(warm + ["--repeat", str(repeat)])["seconds"]
        preds = {}
        for p in doc["propositions"]:
            if p["values"]:
                preds[p["about"]] = pick({v["value"]: v["confidence"] for v in p["values"]})
        out[m] = (accuracy(preds, gold, claimed), best, doc["iterations"], doc["seconds"])
    return out


def table(title, ours, peer):
    """Prints method, accuracies, seconds (best of the runs, and the first run) side by side."""
    print(f"\n## {title}\n")
    print("| method | our accuracy | peer accuracy | our seconds (best) | peer seconds (best) | best ratio "
          "| our first run | peer first run | first-run ratio | our iters | peer iters |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    order = OUR_METHODS + VARIANT_ROWS
    for m in sorted(set(ours) | set(peer), key=lambda m: order.index(m) if m in order else 99):
        o, p = ours.get(m), peer.get(m)
        f = lambda x, fmt: fmt.format(x) if x is not None else "-"  # noqa: E731
        ratio = lambda a, b: f"{b / a:.1f}x" if a and b else "-"  # noqa: E731
        print(f"| {m} | {f(o and o[0], '{:.3f}')} | {f(p and p[0], '{:.3f}')} | "
              f"{f(o and o[1], '{:.4f}')} | {f(p and p[1], '{:.4f}')} | {ratio(o and o[1], p and p[1])} | "
              f"{f(o and o[3], '{:.4f}')} | {f(p and p[3], '{:.4f}')} | {ratio(o and o[3], p and p[3])} | "
              f"{f(o and o[2], '{}')} | {f(p and p[2], '{}')} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--book", default=DEFAULT_BOOK)
    ap.add_argument("--work", default="/tmp/claims-truth-bench")
    ap.add_argument("--claims", help="path of the claims binary (default: PATH, target/release)")
    ap.add_argument("--bench-bin", help="path of the truth_bench binary")
    ap.add_argument("--sources", type=int, default=1000)
    ap.add_argument("--objects", type=int, default=100000)
    ap.add_argument("--coverage", type=float, default=0.05)
    ap.add_argument("--domain", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-synthetic", action="store_true")
    ap.add_argument("--skip-book", action="store_true")
    ap.add_argument("--methods", help="comma-separated table rows to run: methods and the "
                    "TruthFinder variants truthfinder-noimp, truthfinder-imp (default: all)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="time every method this many times on both sides and keep the best "
                         "(a shared machine disturbs single runs of a few milliseconds)")
    ap.add_argument("--peer-crh-synthetic", action="store_true",
                    help="also run the peer's CRH on synthetic data (memory quadratic in claims)")
    args = ap.parse_args()
    if args.methods:
        global WANTED
        WANTED = set(args.methods.split(","))
        unknown = WANTED - set(OUR_METHODS) - set(VARIANT_ROWS)
        if unknown:
            ap.error(f"unknown methods: {', '.join(sorted(unknown))}")
    os.makedirs(args.work, exist_ok=True)
    td = ensure_peer()
    claims_bin, bench_bin = build_ours(args.claims, args.bench_bin)

    if not args.skip_book:
        subprocess.check_call([sys.executable, os.path.join(HERE, "prepare_book.py"),
                               "--data", args.book, "--out", args.work])
        claims_file = os.path.join(args.work, "book_claims.jsonl")
        rows = [json.loads(line) for line in open(claims_file, encoding="utf-8")]
        gold = {}
        for line in open(os.path.join(args.work, "book_gold.jsonl"), encoding="utf-8"):
            g = json.loads(line)
            gold[g["about"]] = g["value"]
        triples = [(r["source"], r["about"], r["value"]) for r in rows]
        peer = run_peer(td, triples, gold, label="book ", repeat=args.repeat)
        ours = run_ours(claims_bin, bench_bin, claims_file, gold, args.work, jaccard=True, repeat=args.repeat)
        table(f"Book ({len(rows)} claims, {len(gold)} gold)", ours, peer)

    if not args.skip_synthetic:
        import numpy as np
        np.random.seed(args.seed)
        # The peer's generator takes minutes at full size: keep what it made for the next run.
        cache = os.path.join(args.work, f"synthetic-{args.sources}-{args.objects}-{args.coverage}-"
                                        f"{args.domain}-{args.seed}.pickle")
        synth = None
        if os.path.exists(cache):
            try:
                with open(cache, "rb") as f:
                    synth = pickle.load(f)
                print(f"reusing {cache}", file=sys.stderr)
            except Exception as e:  # a stale or broken cache is regenerated
                print(f"ignoring {cache}: {e}", file=sys.stderr)
        if synth is None:
            print(f"generating SyntheticData {args.sources} x {args.objects} x {args.coverage} ...",
                  file=sys.stderr, flush=True)
            t = time.time()
            synth = td.SyntheticData(np.random.uniform(size=(args.sources,)), num_variables=args.objects,
                                     claim_probability=args.coverage, domain_size=args.domain)
            print(f"  generated in {time.time() - t:.0f} s", file=sys.stderr)
            with open(cache, "wb") as f:
                pickle.dump(synth, f)
        sv = synth.data.sv
        rows_idx, cols_idx = np.nonzero(~np.ma.getmaskarray(sv))
        vals = np.asarray(sv[rows_idx, cols_idx]).astype(int)
        claims_file = os.path.join(args.work, "synthetic_claims.jsonl")
        claimed = {}
        with open(claims_file, "w") as f:
            for s, o, v in zip(rows_idx.tolist(), cols_idx.tolist(), vals.tolist()):
                f.write(f'{{"source":"s{s}","about":"{o}","value":"{v}","text":"{v}"}}\n')
                claimed.setdefault(str(o), set()).add(str(v))
        gold = {str(var): str(int(val)) for var, val in synth.values.items()}
        skip = ("truthfinder-imp",) + (() if args.peer_crh_synthetic else ("crh",))
        peer = run_peer(td, None, gold, claimed, skip=skip, label="synthetic ", dataset=synth.data,
                        fmt=lambda v: str(int(float(v))), repeat=args.repeat)
        ours = run_ours(claims_bin, bench_bin, claims_file, gold, args.work, claimed, repeat=args.repeat)
        table(f"SyntheticData {args.sources} sources x {args.objects} objects x {args.coverage} "
              f"({len(vals)} claims)", ours, peer)


if __name__ == "__main__":
    main()
