"""``python -m a11yrender``: the same as the ``a11yrender`` command."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
