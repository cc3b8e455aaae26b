"""The letters mechanism: many letters streamed into one valid PDF, the QR code, a failing
batch, the retention of old files, and the letters of ``reach`` for households without
e-mail."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import qrcode
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from wijkpunt.outreach import letters, pdf, reach, reach_letters
from wijkpunt.outreach.models import Channel, DeliveryState, LetterBatch, LetterBatchStatus


class Numbered:
    def __init__(self, i: int) -> None:
        self.i = i

    def draw(self, canvas) -> None:
        for side in ("voorzijde", "achterzijde"):
            page = pdf.Page(canvas, header=f"Brief {self.i}", footer="Wijkpunt")
            page.lines(f"Één café, ça va? {side} {self.i}", size=14, bold=True)
            page.qr("https://wijkpunt.example/e/x/#ACDE-FGHJ", 400, 600, 100)
            canvas.showPage()


@pytest.mark.once("sqlite")
def test_chunks_stream_into_one_pdf_with_every_page_in_order():
    out = io.BytesIO()
    seen: list[int] = []
    made, pages = pdf.write_letters(
        out,
        (Numbered(i) for i in range(23)),
        chunk_size=10,
        title="Brieven é",
        progress=seen.append,
    )
    assert (made, pages, seen) == (23, 46, [10, 20, 23])
    reader = PdfReader(io.BytesIO(out.getvalue()), strict=True)
    assert len(reader.pages) == 46
    assert reader.metadata.title == "Brieven é"
    assert "Één café, ça va? voorzijde 0" in reader.pages[0].extract_text()
    assert "achterzijde 22" in reader.pages[45].extract_text()
    assert "Brief 17" in reader.pages[35].extract_text()


@pytest.mark.once("sqlite")
def test_the_qr_code_is_the_standard_one():
    value = "https://wijkpunt.example.be/e/lindenplein/#ACDE-FGHJ"
    reference = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=0, border=0
    )
    reference.add_data(value)
    reference.make(fit=True)
    assert pdf.qr_modules(value) == reference.get_matrix()


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db
@pytest.mark.usefixtures("_media")
def test_a_failing_batch_says_so_and_keeps_no_file(personas, monkeypatch):
    def broken(self, batch):
        yield from ()
        raise RuntimeError("boom")

    monkeypatch.setattr(reach_letters.ReachLetters, "letters", broken)
    reach.reach(households=[personas.household], message={"nl-be": ("Nieuws", "Tekst")},
                kind="test.news", ref="1")  # fmt: skip
    batch = reach_letters.start_reach_letters(by=personas.coordinator)
    batch = letters.run_batch(batch_id=batch.pk)
    assert batch.status == LetterBatchStatus.FAILED
    assert batch.error and not batch.file
    assert reach.letters_due().count() == 1  # still due: nothing was printed


@pytest.mark.django_db
@pytest.mark.usefixtures("_media")
def test_reach_letters_print_what_is_due_and_mark_it_printed(
    personas, client, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_REQUIRE_MFA = False
    reach.reach(
        households=[personas.household, personas.other_household],
        message={"nl-be": ("Nieuws over de lift", "De lift is hersteld."),
                 "fr": ("L'ascenseur", "L'ascenseur est réparé.")},
        kind="test.news", ref="1", link="https://wijkpunt.example/e/lindenplein/acties/",
    )  # fmt: skip
    due = list(reach.letters_due())
    assert len(due) == 2
    with pytest.raises(letters.NothingToPrint):
        reach_letters.start_reach_letters(by=personas.coordinator, kind="other.kind")
    with django_capture_on_commit_callbacks(execute=True):
        batch = reach_letters.start_reach_letters(by=personas.coordinator, kind="test.news")
    batch.refresh_from_db()
    assert batch.status == LetterBatchStatus.DONE and batch.total == 2
    with default_storage.open(batch.file, "rb") as handle:
        text = "".join(p.extract_text() for p in PdfReader(handle).pages)
    assert "De lift is hersteld." in text and "L'ascenseur est réparé." in text
    assert "Gezin Peeters" in text and "Lindenplein 1 / 0.1" in text
    assert not reach.letters_due().exists()
    assert set(
        personas.household.deliveries.filter(channel=Channel.LETTER).values_list("state", flat=True)
    ) == {DeliveryState.PRINTED}
    client.force_login(personas.technician)
    assert client.get(f"/werk/brieven/{batch.pk}/").status_code == 404
    client.force_login(personas.admin)
    assert client.get(f"/werk/brieven/{batch.pk}/brieven.pdf").status_code == 200


@pytest.mark.django_db
@pytest.mark.usefixtures("_media")
def test_old_files_are_removed_the_batch_stays(settings):
    settings.LETTER_RETENTION_DAYS = 30
    now = timezone.now()
    made = {}
    for age in (31, 29):
        name = default_storage.save(f"letters/old-{age}.pdf", ContentFile(b"%PDF-1.4 codes"))
        made[age] = LetterBatch.objects.create(
            kind="outreach.reach", ref="all", status=LetterBatchStatus.DONE, file=name,
            created_at=now - dt.timedelta(days=age),
        )  # fmt: skip
    assert letters.purge_old_files() == 1
    old, recent = (LetterBatch.objects.get(pk=made[age].pk) for age in (31, 29))
    assert not old.file and old.removed_at and not old.downloadable
    assert not default_storage.exists(made[31].file)
    assert recent.file and default_storage.exists(recent.file)
    out = io.StringIO()
    call_command("purge_letters", "--days", "0", stdout=out)
    assert out.getvalue().startswith("1 ")
    assert not default_storage.exists(recent.file)
