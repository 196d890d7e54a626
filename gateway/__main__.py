"""`python -m gateway` is the same as the `grace` command."""

import sys

from gateway.cli import main

sys.exit(main())
