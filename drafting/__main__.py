"""Run the CLI as ``python -m drafting``."""

from drafting.cli import main

main()
