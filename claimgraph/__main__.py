"""`python -m claimgraph` runs the CLI (used by tests that need a killable process)."""

from claimgraph.cli import main

main()
