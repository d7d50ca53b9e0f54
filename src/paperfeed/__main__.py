"""Allow ``python -m paperfeed``."""

import sys

from .cli import main

sys.exit(main())
