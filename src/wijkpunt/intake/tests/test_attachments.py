"""Attachments: real type by content, size and count limits, re-encoding without metadata,
and access to the file through the signal's need-to-know."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wijkpunt.audit.models import AuditEntry
from wijkpunt.intake import actions
from wijkpunt.intake.attachments import clean_name, clean_upload, clean_uploads
from wijkpunt.intake.tests.helpers import (
    GPS_IFD,
    exe,
    heic,
    jpeg_bytes,
    pdf,
    photo,
    png,
    report,
)
from wijkpunt.signalling.models import Attachment

pytestmark = pytest.mark.django_db


def test_images_are_reencoded_without_gps_and_turned_upright():
    original = jpeg_bytes(size=(3000, 1000), orientation=6)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)
    clean = clean_upload(SimpleUploadedFile("IMG_001.JPG", original))
    image = Image.open(io.BytesIO(clean.content))
    assert image.format == "JPEG"
    exif = image.getexif()
    assert not exif.get_ifd(GPS_IFD)
    assert len(exif) == 0
    # Orientation 6 means "turn 90°": the stored image is upright, longest side 2000.
    assert image.size == (667, 2000)
    assert clean.original_name == "IMG_001.jpg" and clean.content_type == "image/jpeg"


def test_an_iphone_photo_in_heic_becomes_a_jpeg_without_its_position():
    upload = heic()
    assert Image.open(io.BytesIO(upload.read())).getexif().get_ifd(GPS_IFD)
    clean = clean_upload(upload)
    image = Image.open(io.BytesIO(clean.content))
    assert image.format == "JPEG" and image.size == (1200, 900)
    assert len(image.getexif()) == 0
    assert clean.original_name == "IMG_0042.jpg" and clean.content_type == "image/jpeg"


def test_a_comment_in_a_photo_is_not_kept():
    out = io.BytesIO()
    Image.new("RGB", (40, 30)).save(out, "JPEG", comment=b"Jan Peeters, Kerkstraat 12")
    clean = clean_upload(SimpleUploadedFile("scan.jpg", out.getvalue()))
    assert b"Kerkstraat" not in clean.content
    assert "comment" not in Image.open(io.BytesIO(clean.content)).info


def test_a_damaged_heic_gets_the_plain_refusal():
    data = heic().read()
    with pytest.raises(ValidationError) as error:
        clean_upload(SimpleUploadedFile("IMG_0043.HEIC", data[: len(data) // 2]))
    assert "We cannot use the file" in str(error.value)


def test_transparent_png_becomes_jpeg():
    clean = clean_upload(png())
    assert Image.open(io.BytesIO(clean.content)).mode == "RGB"
    assert clean.original_name == "plan.jpg"


def test_a_program_named_jpg_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_upload(exe())
    assert "We cannot use the file" in str(error.value)


def test_pdf_only_for_staff():
    with pytest.raises(ValidationError):
        clean_upload(pdf())
    assert clean_upload(pdf(), allow_pdf=True).content_type == "application/pdf"


def test_too_big_and_too_many(settings):
    settings.SIGNAL_ATTACHMENT_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        clean_upload(photo())
    assert "too big" in str(error.value)
    settings.SIGNAL_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    with pytest.raises(ValidationError) as error:
        clean_uploads([photo() for _ in range(6)])
    assert "at most 5" in str(error.value)


def test_client_file_names_are_never_trusted():
    assert clean_name("../../etc/passwd", extension="jpg") == "passwd.jpg"
    assert clean_name("C:\\Users\\an\\foto 1.png", extension="jpg") == "foto_1.jpg"
    assert clean_name("", extension="pdf") == "bestand.pdf"


def test_add_attachment_stores_under_a_random_name_with_an_event(personas):
    signal = report(personas)
    attachment = actions.add_attachment(
        signal=signal, file=photo("../geheim.jpg"), user=personas.tenant
    )
    assert attachment.original_name == "geheim.jpg"
    assert "geheim" not in attachment.file.name
    assert attachment.file.name.startswith("signals/")
    event = signal.events.get(kind="attachment")
    assert event.public and event.data["attachment"] == attachment.pk


def test_resident_sees_public_files_only(client, personas):
    signal = report(personas)
    public = actions.add_attachment(signal=signal, file=photo(), user=personas.tenant)
    internal = actions.add_attachment(
        signal=signal, file=pdf(), user=personas.technician, public=False, allow_pdf=True
    )
    client.force_login(personas.tenant)

    def url(a):
        return reverse("intake_portal:attachment", args=[signal.pk, a.pk])

    response = client.get(url(public))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    assert client.get(url(internal)).status_code == 404
    client.force_login(personas.other_tenant)
    assert client.get(url(public)).status_code == 404


def test_staff_need_to_know_on_files(staff_client, personas):
    welfare = report(personas, "Mijn buurvrouw is gevallen", "welzijn-en-zorg")
    attachment = actions.add_attachment(signal=welfare, file=photo(), user=personas.tenant)
    url = reverse("intake_staff:attachment", args=[attachment.pk])
    staff_client.force_login(personas.technician)
    assert staff_client.get(url).status_code == 404
    staff_client.force_login(personas.social_worker)
    response = staff_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert AuditEntry.objects.filter(
        actor=personas.social_worker, object_type="signal", object_id=str(welfare.pk)
    ).exists()
    staff_client.force_login(personas.tenant)
    assert staff_client.get(url).status_code == 404
    staff_client.logout()
    assert staff_client.get(url).status_code == 302


def test_one_bad_file_saves_nothing(personas):
    from wijkpunt.signalling.models import Channel, Signal

    with pytest.raises(ValidationError):
        actions.report(
            files=[photo(), exe()],
            text="Lift kapot",
            channel=Channel.PORTAL,
            reporter=personas.tenant,
        )
    assert not Signal.objects.exists() and not Attachment.objects.exists()
