#!/usr/bin/env bash
# Measure at Papers-with-Code scale: 20,000 papers for validation, builds at ~1k/10k/100k results.
# Long (the README's figures say how long). Results: .benchmarks/full.json and the tables pytest-benchmark prints.
# Usage: bash scripts/bench.sh [pytest args, e.g. -k validate]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup-env.sh"
export LEADERBOARD_BENCH_SCALE=full
mkdir -p .benchmarks
exec python -m pytest tests/benchmarks --benchmark-enable --benchmark-json=.benchmarks/full.json \
  --benchmark-columns=min,mean,max,rounds --benchmark-sort=name -p no:randomly -q "$@"
