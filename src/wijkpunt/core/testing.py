"""Moved to ``wijkpunt.testing`` (test support sits above every app, ``core`` below them).
Kept only while other branches that still import it are merged; then delete this file."""

from wijkpunt.testing import *  # noqa: F403
from wijkpunt.testing import PASSWORD, Personas, make_personas, make_report, rolled_back  # noqa: F401
