"""leaderboard: curated, evidence-backed YAML results -> validated corpus -> Polars tables -> static site."""

__version__ = "0.1.0"
