"""Developer tools of this repository, run from its root (`python -m tools.synth ...`); not part of the package."""
