"""Where Debian's Chromium is and how to start it headless on a machine with no network."""

import os

CHROMIUM = os.environ.get("LEARNLOOP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
