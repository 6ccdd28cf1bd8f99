"""A deterministic synthetic corpus shaped like data/, for measuring at scale (a developer tool, not the package).

    python -m tools.synth --papers N --out DIR [--seed S] [--benchmarks B]   (from the repository root)

The real corpus is a few dozen papers; the performance targets are about Papers-with-Code scale (20,000
papers, ~100,000 results). The generator writes files that pass `leaderboard validate` (schema comment,
evidence quotes that print every value, required conditions, unique ids), so benchmarks time the real
pipeline rather than its error paths. Its shape follows the real data: about five results per paper,
a few hundred benchmarks with comparison-group conditions, some with a trade-off axis, mostly measured
values with some bounds and ranges, realistic string lengths, dates over a decade and a few unknown.
The words data files share (modeline, 'not stated', how strings are quoted, a metric's declaration) come
from the package (`leaderboard.conventions`), so the corpus follows it when they change.

Everything comes from one seeded random.Random and sorted or indexed lists (never a set or dict order
that depends on hashing), so one seed always gives the same bytes.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from leaderboard import conventions
from leaderboard.conventions import NOT_STATED, modeline
from leaderboard.conventions import yaml_string as _q


class SynthError(Exception):
    """Why nothing was written, with what to do instead."""


@dataclass(frozen=True)
class Metric(conventions.Metric):
    """A benchmark's metric (id, name, unit, direction) and how its generated values are drawn."""

    low: float  # generated values fall in [low, high]
    high: float
    decimals: int
    bounds: tuple[float, float]  # the plausible range declared in the benchmark (min, max)


@dataclass(frozen=True)
class Family:
    """A kind of benchmark: its area, metrics (primary first) and grouping conditions."""

    area: str
    slug: str
    task: str
    metrics: tuple[Metric, ...]
    group: tuple[str, str, tuple[str, ...]]  # (condition id, name, values) that splits comparison groups
    tradeoff: str | None = None  # a metric id or "parameters"


_PCT = (0.0, 100.0)
FAMILIES = (
    Family(
        "Object detection",
        "det",
        "Bounding-box object detection on everyday scenes",
        (
            Metric("box_ap", "Box AP", "percent", True, 20, 66, 1, _PCT),
            Metric("ap50", "AP50", "percent", True, 40, 85, 1, _PCT),
            Metric("fps", "Frames per second", "fps", True, 5, 1500, 0, (0.0, 100000.0)),
        ),
        ("split", "Split", ("val", "test-dev")),
        tradeoff="fps",
    ),
    Family(
        "Image classification",
        "cls",
        "Single-label image classification",
        (
            Metric("top1_accuracy", "Top-1 accuracy", "percent", True, 55, 91, 1, _PCT),
            Metric("top5_accuracy", "Top-5 accuracy", "percent", True, 80, 99, 1, _PCT),
        ),
        ("resolution", "Test resolution", ("224x224", "384x384", "512x512")),
        tradeoff="parameters",
    ),
    Family(
        "Math reasoning",
        "math",
        "Competition and grade-school math problem solving",
        (Metric("accuracy", "Accuracy", "percent", True, 5, 97, 1, _PCT),),
        ("aggregation", "Aggregation", ("pass@1", "maj@8", "maj@64")),
    ),
    Family(
        "Speculative decoding",
        "spec",
        "Lossless speed-up of autoregressive decoding",
        (
            Metric("speedup", "Speed-up", "x", True, 1.1, 4.8, 2, (0.0, 100.0)),
            Metric("acceptance_length", "Mean accepted tokens", "points", True, 1.2, 6.5, 2, (0.0, 64.0)),
        ),
        ("target_model", "Target model", ("Vicuna-7B", "Vicuna-13B", "LLaMA-2-Chat-70B")),
    ),
    Family(
        "Image generation",
        "gen",
        "Class-conditional image generation",
        (
            Metric("fid", "FID", "points", False, 1.5, 40, 2, (0.0, 500.0)),
            Metric("inception_score", "Inception score", "points", True, 50, 350, 1, (0.0, 1000.0)),
        ),
        ("guidance", "Guidance", ("none", "classifier-free")),
    ),
    Family(
        "Depth estimation",
        "depth",
        "Monocular depth estimation",
        (
            Metric("rmse", "RMSE", "points", False, 0.2, 0.65, 3, (0.0, 10.0)),
            Metric("delta1", "δ<1.25", "percent", True, 80, 99, 1, _PCT),
        ),
        ("split", "Split", ("official test", "eigen")),
    ),
    Family(
        "Information retrieval",
        "ir",
        "Zero-shot passage retrieval",
        (
            Metric("ndcg_at_10", "nDCG@10", "percent", True, 25, 65, 1, _PCT),
            Metric("recall_at_100", "Recall@100", "percent", True, 50, 95, 1, _PCT),
        ),
        ("subset", "Subset", ("all", "in-domain", "out-of-domain")),
    ),
)

_HARDWARE = ("NVIDIA Tesla T4", "NVIDIA A100", "NVIDIA V100", "Jetson AGX Orin")
_DATASET = ("Pascal", "Aurora", "Helix", "Nimbus", "Quartz", "Tundra", "Sierra", "Meridian", "Cobalt", "Lumen")
_ADJ = (
    "Sparse", "Dense", "Efficient", "Scalable", "Robust", "Adaptive", "Hierarchical", "Contrastive", "Masked",
    "Unified", "Lightweight", "Dynamic", "Recurrent", "Latent", "Multi-Scale", "Self-Supervised", "Deformable",
    "Hybrid", "Progressive", "Distilled",
)  # fmt: skip
_NOUN = (
    "Transformers", "Mixers", "Experts", "Attention", "Convolutions", "Decoders", "Encoders", "Tokenizers",
    "Priors", "Adapters", "Queries", "Memories", "Flows", "Diffusion Models", "Routers", "Embeddings",
)  # fmt: skip
_GOAL = (
    "for Open-World Recognition", "at Scale", "without Labels", "for Fast Inference", "with Fewer Parameters",
    "for Long Contexts", "under Distribution Shift", "from Noisy Data", "on a Budget", "for Edge Devices",
)  # fmt: skip
_TAIL = (
    "A Simple Baseline", "Rethinking the Design Space", "An Empirical Study", "Revisiting Training Recipes",
    "Towards Better Trade-offs", "Lessons from Large-Scale Experiments",
)  # fmt: skip
_FILLER = (
    "while using a comparable training budget",
    "outperforming the strongest prior method under the same protocol",
    "with the same backbone and training schedule as the baselines",
    "without any test-time augmentation or model ensembling",
    "and the gains hold across all model sizes we evaluated",
    "which we attribute to the improved optimisation schedule",
)  # fmt: skip
_LOCATION = ("abstract", "Table 1", "Table 2", "Table 3", "Table 4", "Section 4.2", "Section 5", "Figure 3")
_SIZES = ("T", "S", "B", "M", "L", "XL", "H")
#: How often each value kind (the paper schema's `kind` enum) is drawn, in percent; mostly measured points.
KIND_WEIGHTS = {"point": 86, "approximate": 2, "up_to": 4, "at_least": 4, "range": 4}
_KINDS, _WEIGHTS = tuple(KIND_WEIGHTS), tuple(KIND_WEIGHTS.values())


def _num(value: float, decimals: int) -> str:
    """The number as printed: in the YAML and in the quote, so the evidence check finds it."""
    return f"{value:.{decimals}f}"


def default_benchmarks(papers: int) -> int:
    """A few hundred at 20,000 papers, like Papers with Code's busier areas (about 60 papers each)."""
    return max(20, papers // 60)


@dataclass(frozen=True)
class Bench:
    id: str
    name: str
    family: Family
    hardware: bool  # has a hardware condition (speed is only comparable on one device)


def _benchmark(i: int) -> Bench:
    family = FAMILIES[i % len(FAMILIES)]
    name = f"{_DATASET[(i // len(FAMILIES)) % len(_DATASET)]}-{family.slug.upper()} {i:04d}"
    return Bench(f"synth-{family.slug}-{i:04d}", name, family, family.tradeoff == "fps")


def _description(bench: Bench) -> str:
    return (
        f"Synthetic {bench.family.task.lower()} benchmark {bench.name}, generated for performance tests; "
        "its numbers mean nothing. Each value of the grouping condition is its own comparison group."
    )


def benchmark_yaml(bench: Bench) -> str:
    f = bench.family
    lines = [
        modeline("benchmark") + "\n",
        f"id: {bench.id}\n",
        f"name: {_q(bench.name)}\n",
        'version: "1"\n',
        f"area: {_q(f.area)}\n",
        f"task: {_q(f.task)}\n",
        f"description: {_q(_description(bench))}\n",
        f"homepage: https://example.org/benchmarks/{bench.id}\n",
        "metrics:\n",
    ]
    for m in f.metrics:
        lines += [
            f"  - id: {m.id}\n",
            f"    name: {_q(m.name)}\n",
            f"    unit: {m.unit}\n",
            f"    higher_is_better: {'true' if m.higher_is_better else 'false'}\n",
            f"    min: {m.bounds[0]:g}\n",
            f"    max: {m.bounds[1]:g}\n",
            f"    description: {_q(f'{m.name} on the {bench.name} evaluation set.')}\n",
        ]
    lines.append(f"primary_metric: {f.metrics[0].id}\n")
    if f.tradeoff:
        lines.append(f"tradeoff:\n  axis: {f.tradeoff}\n")
        if bench.hardware:
            lines.append("  conditions: [hardware]\n")
    gid, gname, values = f.group
    lines += [
        "conditions:\n",
        f"  - id: {gid}\n    name: {_q(gname)}\n    description: {_q(f'{gname} the result was measured on.')}\n",
        "    required: true\n    group: true\n",
        f"    values: [{', '.join(_q(v) for v in values)}]\n",
        "  - id: extra_training_data\n    name: Extra training data\n",
        "    description: Data used beyond the benchmark's own training split, e.g. ImageNet-21k.\n",
    ]
    if bench.hardware:
        lines.append("  - id: hardware\n    name: Hardware\n    description: Device the speed was measured on.\n")
    return "".join(lines)


def _date(rng: random.Random) -> str | None:
    """About 3% unknown; years weighted toward recent ones; never after 2025 so no run ever sees a future date."""
    if rng.random() < 0.03:
        return None
    year = 2025 - min(12, int(rng.expovariate(0.3)))
    month = rng.randint(1, 12)
    return f"{year}-{month:02d}" + (f"-{rng.randint(1, 28):02d}" if rng.random() < 0.3 else "")


def _title(rng: random.Random, base: str) -> str:
    title = f"{base}: {rng.choice(_ADJ)} {rng.choice(_NOUN)} {rng.choice(_GOAL)}"
    if rng.random() < 0.7:
        title += f" — {rng.choice(_TAIL)}"
    return title


def _value(m: Metric, kind: str, rng: random.Random) -> tuple[dict[str, str], str]:
    """The value fields as YAML text and how a paper would phrase them."""
    unit = {"percent": "%", "x": "x", "fps": " FPS"}.get(m.unit, "")  # as papers print them (not the site's ×)

    def draw() -> str:
        return _num(rng.uniform(m.low, m.high), m.decimals)

    if kind == "range":
        a, b = sorted((rng.uniform(m.low, m.high), rng.uniform(m.low, m.high)))
        low, high = _num(a, m.decimals), _num(b, m.decimals)
        if float(low) > float(high):
            low, high = high, low
        return {"kind": "range", "low": low, "high": high}, f"between {low} and {high}{unit} {m.name}"
    value = draw()
    words = {"point": "", "approximate": "about ", "up_to": "up to ", "at_least": "over "}[kind]
    fields = {"value": value} if kind == "point" else {"kind": kind, "value": value}
    if kind == "point" and rng.random() < 0.08:
        fields["std"] = _num(rng.uniform(0.05, 1.5), 2)
        fields["n_runs"] = str(rng.choice((3, 5, 10)))
        return fields, f"{value} ± {fields['std']}{unit} {m.name} over {fields['n_runs']} runs"  # the quote holds both
    return fields, f"{words}{value}{unit} {m.name}"


def _flow(fields: dict[str, str]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in fields.items()) + "}"


def paper_yaml(i: int, benches: list[Bench], cum_weights: list[float], rng: random.Random) -> tuple[str, str]:
    """One paper with about five results on one or two benchmarks (most papers report a few model sizes)."""
    stem = f"{rng.choice(_ADJ)}{rng.choice(_NOUN).split()[0]}".replace("-", "")
    ident = f"{stem.lower()}-{i:06d}"
    base = f"{stem}{i}"
    date = _date(rng)
    lines = [
        modeline("paper") + "\n",
        f"id: {ident}\n",
        f"title: {_q(_title(rng, base))}\n",
    ]
    if date and i < 100_000:
        arxiv = f"{date[2:4]}{date[5:7]}.{i:05d}"
        lines += [f'arxiv_id: "{arxiv}"\n', f"url: https://arxiv.org/abs/{arxiv}\n"]
    else:
        lines.append(f"url: https://example.org/papers/{ident}\n")
    if rng.random() < 0.4:
        lines.append(f"code_url: https://github.com/synth-lab/{ident}\n")
    if date:
        lines.append(f'date: "{date}"\n')
    lines.append("results:\n")
    count = max(1, min(12, round(rng.gauss(5, 2))))
    chosen = rng.choices(benches, cum_weights=cum_weights, k=1 if rng.random() < 0.6 else 2)
    for j in range(count):
        lines.append(_result(i, j, base, chosen[j % len(chosen)], rng))
    return ident, "".join(lines)


def _result(i: int, j: int, base: str, bench: Bench, rng: random.Random) -> str:
    f = bench.family
    model = f"{base}-{_SIZES[j % len(_SIZES)]}" + (f"{j // len(_SIZES) + 1}" if j >= len(_SIZES) else "")
    primary, *others = f.metrics
    values = [(primary, *_value(primary, rng.choices(_KINDS, weights=_WEIGHTS)[0], rng))]
    for m in others:
        if rng.random() < (0.6 if m.id == f.tradeoff else 0.3):
            values.append((m, *_value(m, "point", rng)))
    gid, _, group_values = f.group
    group = NOT_STATED if rng.random() < 0.02 else group_values[min(int(rng.expovariate(1.2)), len(group_values) - 1)]
    conditions = {gid: group}
    if rng.random() < 0.3:
        conditions["extra_training_data"] = rng.choice(("none", "ImageNet-21k", "Objects365", NOT_STATED))
    if bench.hardware:
        conditions["hardware"] = rng.choice(_HARDWARE)
    lines = [f"  - benchmark: {bench.id}\n", f"    model: {_q(model)}\n"]
    if f.tradeoff == "parameters" or rng.random() < 0.3:
        size = rng.uniform(3, 900)
        lines.append(
            f'    parameters: "{size:.0f}M"\n'
            if size < 100 or rng.random() < 0.5
            else f'    parameters: "{size / 100:.1f}B"\n'
        )
    lines.append("    metrics:\n")
    lines += [f"      {m.id}: {_flow(fields)}\n" for m, fields, _ in values]
    lines.append(f"    conditions: {_flow({k: _q(v) for k, v in conditions.items()})}\n")
    roll = rng.random()
    if roll < 0.02:
        lines.append("    source_type: reproduction\n")
    if 0.02 <= roll < 0.025:
        lines += [
            "    status: withdrawn\n",
            '    status_reason: "The authors retracted this number in a later version."\n',
        ]
    if rng.random() < 0.02:
        lines += [
            "    flags:\n      - type: extra_training_data\n",
            '        evidence: "Pre-trained on a large private image-text corpus before fine-tuning."\n',
        ]
    if rng.random() < 0.05:
        lines.append(
            f"    note: {_q('Evaluated by the authors with their own script; the protocol may differ slightly.')}\n"
        )
    claims = " and ".join(text for _, _, text in values)
    where = "" if group == NOT_STATED else f" ({f.group[1].lower()} {group})"
    quote = f"{model} reaches {claims} on {bench.name}{where}, {rng.choice(_FILLER)}"
    lines += ["    evidence:\n", f"      quote: {_q(quote)}\n", f"      location: {rng.choice(_LOCATION)}\n"]
    return "".join(lines)


def generate(out: Path, papers: int, seed: int = 0, benchmarks: int | None = None) -> tuple[int, int]:
    """Write out/benchmarks/*.yaml and out/papers/*.yaml; refuse an existing non-empty directory."""
    if papers < 1:
        raise SynthError("--papers must be at least 1.")
    count = default_benchmarks(papers) if benchmarks is None else benchmarks
    if count < 1:
        raise SynthError("--benchmarks must be at least 1.")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SynthError(f"{out} exists and is not an empty directory. Fix: pass a new --out DIR.")
    rng = random.Random(f"leaderboard-synth:{seed}")
    benches = [_benchmark(i) for i in range(count)]
    # Popularity falls off like a power law: a few benchmarks collect most results, as on Papers with Code.
    cum = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(count)))
    (out / "benchmarks").mkdir(parents=True, exist_ok=True)
    (out / "papers").mkdir(exist_ok=True)
    for bench in benches:
        (out / "benchmarks" / f"{bench.id}.yaml").write_text(benchmark_yaml(bench), encoding="utf-8", newline="\n")
    for i in range(papers):
        ident, text = paper_yaml(i, benches, cum, rng)
        (out / "papers" / f"{ident}.yaml").write_text(text, encoding="utf-8", newline="\n")
    return count, papers


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.synth", description=__doc__.split("\n", 1)[0])
    p.add_argument("--papers", required=True, type=int, help="number of paper files (about 5 results each)")
    p.add_argument("--out", required=True, type=Path, help="a new or empty directory")
    p.add_argument("--seed", type=int, default=0, help="same seed, same bytes (default: 0)")
    p.add_argument("--benchmarks", type=int, help="number of benchmarks (default: max(20, papers // 60))")
    args = p.parse_args(argv)
    try:
        benchmarks, papers = generate(args.out, args.papers, args.seed, args.benchmarks)
    except SynthError as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 1
    print(
        f"Wrote {benchmarks} benchmarks and {papers} papers to {args.out}. Try: leaderboard validate --data {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
