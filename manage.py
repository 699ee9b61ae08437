#!/usr/bin/env python
"""Django's command-line utility; `learnloop manage` does the same."""

import sys

from learnloop.cli import manage

if __name__ == "__main__":
    raise SystemExit(manage(sys.argv[1:]))
