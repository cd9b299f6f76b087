"""`python -m desktop` runs the same command line as the `signpost` script."""

from desktop.cli import main

raise SystemExit(main())
