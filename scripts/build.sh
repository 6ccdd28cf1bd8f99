#!/usr/bin/env bash
# Build the whole site from the bundled data into public/ (set-up included).
source "$(dirname "${BASH_SOURCE[0]}")/setup-env.sh"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct -- data 2>/dev/null || echo 0)}"
exec leaderboard build "$@"
