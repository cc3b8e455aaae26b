"""Single-use survey codes: short, from characters nobody confuses, easy to type on a phone.

Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V):
23 letters and digits give 23⁸ ≈ 78 billion codes, so a guess hits one of a wave's few
thousand codes about once in ten million tries — and guesses are slowed down and logged
(``views_answer``). Printed as ``ABCD-EFGH``; typed in any case, with or without spaces."""

from __future__ import annotations

import secrets

ALPHABET = "ACDEFGHJKMNPQRTWXY34679"
LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    """``ACDE3467`` → ``ACDE-3467``."""
    return f"{code[:4]}-{code[4:]}" if len(code) == LENGTH else code


def normalise(typed: str) -> str:
    """What a person typed → the stored form: capitals, no spaces or dashes. Letters people
    read for digits and back (O for 0 etc.) are not in the alphabet, so they cannot match."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def looks_like_a_code(value: str) -> bool:
    return len(value) == LENGTH and all(ch in ALPHABET for ch in value)
