"""Short codes for QR posters: made of characters nobody confuses, read back forgivingly."""

from __future__ import annotations

import secrets

from wijkpunt.housing.models import SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH


def random_code(length: int = SHORT_CODE_LENGTH) -> str:
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(length))


def normalise_code(text: str) -> str:
    """ "k7p-3q " → "K7P3Q": spaces, dashes and dots are ignored, and case does not matter."""
    return "".join(ch for ch in text.upper() if ch.isalnum() and ch.isascii())
