#!/usr/bin/env bash
# Run the whole test suite (set-up included): lint, type check, then pytest. Extra arguments go to pytest.
source "$(dirname "${BASH_SOURCE[0]}")/setup-env.sh"
ruff check leaderboard tests tools
ruff format --check leaderboard tests tools
mypy  # [tool.mypy] in pyproject.toml: the package
exec python -m pytest "$@"
