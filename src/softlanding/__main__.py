"""Allow `python -m softlanding`."""

from softlanding.cli import main

raise SystemExit(main())
