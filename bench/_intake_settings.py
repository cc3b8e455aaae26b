"""Settings for the signals.intake benchmark server: Wijkpunt's settings, plus one bare view."""

from wijkpunt.settings import *  # noqa: F403

ROOT_URLCONF = "bench._intake_urls"
