"""Open answers: names, phone numbers, e-mail addresses and house numbers are masked."""

from __future__ import annotations

import pytest

from wijkpunt.surveys.masking import mask

pytestmark = pytest.mark.once("sqlite")


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Bel meneer Janssens op 0470 12 34 56", ["Janssens", "0470"], ["Bel meneer", "op"]),
        ("Mevrouw De Smet en Fatima zijn vriendelijk", ["Smet", "Fatima"], ["zijn vriendelijk"]),
        ("Mail naar jan.peeters@voorbeeld.be aub", ["jan.peeters", "voorbeeld.be"], ["aub"]),
        ("Tel +32 56 12 34 56 of 056/123456", ["12 34 56", "123456"], ["Tel", "of"]),
        ("0032 470 12.34.56 belt nooit terug", ["470"], ["belt nooit terug"]),
        ("Ik woon Kerkstraat 12 bus 3", ["12", " 3"], ["Kerkstraat", "bus"]),
        ("appartement 4B lekt, nr 7 ook", ["4B", "7"], ["lekt", "ook"]),
        ("madame Dubois habite rue de la Gare 7", ["Dubois", "Gare 7"], ["habite"]),
        ("De buurvrouw Yilmaz helpt iedereen", ["Yilmaz"], ["helpt iedereen"]),
    ],
)
def test_what_could_identify_someone_is_masked(text, gone, kept):
    masked = mask(text)
    for part in gone:
        assert part not in masked, masked
    for part in kept:
        assert part in masked, masked


def test_the_estates_own_residents_are_masked_also_in_lower_case():
    # The token is in the reader's language (the test settings: Dutch, "[naam]").
    assert mask("ik zag peeters in de gang", names=["Peeters"]) == "ik zag [naam] in de gang"
    # Short surnames too (not only the longer first names), and never inside a token.
    assert mask("smet woont hier", names=["Smet"]) == "[naam] woont hier"
    assert mask("Mail a@b.be", names=["Mail"]) == "[naam] [e-mail]"


def test_dates_and_counts_are_left_alone():
    text = "De lift is kapot sinds 12 maart 2026, al 3 weken"
    assert mask(text) == text
