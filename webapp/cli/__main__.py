"""`python -m webapp.cli` runs the `sanding` command."""
from . import main

main()
