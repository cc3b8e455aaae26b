"""Printable letters as PDF (reportlab): A4 pages, a few drawing helpers, and a writer that
streams any number of letters into one file with flat memory.

reportlab keeps a whole document in memory until it is saved. ``StreamingPDF`` therefore
renders the letters in chunks (``chunk_size`` letters, each chunk a small reportlab document
in memory) and copies each chunk's objects into the output file as soon as it is done,
renumbered, with its pages hung under one page tree written at the end. What stays in memory
between chunks is one number per object (an ``array``), so 5,000 letters take the memory of
one chunk, not of 5,000 letters.

Fonts: reportlab's built-in Helvetica with WinAnsi encoding carries the accents of Dutch,
French, English, German and the other Western European languages, needs no file and is
embedded by every PDF reader. For letters in other scripts set ``LETTER_FONT`` (and
``LETTER_FONT_BOLD``) to TrueType files on the machine (e.g. Debian's DejaVu Sans): they are
embedded (subset) in each PDF. Nothing is downloaded."""

from __future__ import annotations

import io
import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Protocol

from django.conf import settings
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN

_fonts: tuple[str, str] | None = None


def fonts() -> tuple[str, str]:
    """(regular, bold) font names: Helvetica, or the TrueType files of the settings."""
    global _fonts
    if _fonts is None:
        regular = getattr(settings, "LETTER_FONT", "")
        bold = getattr(settings, "LETTER_FONT_BOLD", "") or regular
        if regular:
            pdfmetrics.registerFont(TTFont("WijkpuntLetter", regular))
            pdfmetrics.registerFont(TTFont("WijkpuntLetterBold", bold))
            _fonts = ("WijkpuntLetter", "WijkpuntLetterBold")
        else:
            _fonts = ("Helvetica", "Helvetica-Bold")
    return _fonts


def printable(text: str) -> str:
    """The text as the built-in fonts can print it: characters outside their encoding become
    "?" instead of an empty box (a TrueType font prints what it has)."""
    if fonts()[0] != "Helvetica":
        return text
    return text.encode("cp1252", errors="replace").decode("cp1252")


class Page:
    """Drawing on one A4 page from the top down: ``y`` is where the next line goes."""

    def __init__(self, canvas: Canvas, *, header: str = "", footer: str = "") -> None:
        self.canvas = canvas
        self.regular, self.bold = fonts()
        self.y = PAGE_HEIGHT - MARGIN
        self.header = header
        self.footer = footer
        self._decorate()

    def _decorate(self) -> None:
        c = self.canvas
        if self.header:
            c.setFont(self.bold, 10)
            c.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 12 * mm, printable(self.header))
        if self.footer:
            c.setFont(self.regular, 8)
            c.drawString(MARGIN, 10 * mm, printable(self.footer))

    @property
    def room(self) -> float:
        """Space left above the footer."""
        return self.y - 18 * mm

    def gap(self, points: float) -> None:
        self.y -= points

    def lines(
        self,
        text: str,
        *,
        size: float = 11,
        bold: bool = False,
        indent: float = 0,
        width: float | None = None,
        leading: float | None = None,
    ) -> None:
        """A paragraph, wrapped to the width (default: the text column)."""
        font = self.bold if bold else self.regular
        leading = leading or size * 1.35
        width = (width or TEXT_WIDTH) - indent
        self.canvas.setFont(font, size)
        for paragraph in printable(text).split("\n"):
            for line in simpleSplit(paragraph, font, size, width) or [""]:
                self.y -= leading
                self.canvas.drawString(MARGIN + indent, self.y, line)

    def height_of(self, text: str, *, size: float = 11, width: float | None = None) -> float:
        width = width or TEXT_WIDTH
        n = sum(
            max(1, len(simpleSplit(p, self.regular, size, width)))
            for p in printable(text).split("\n")
        )
        return n * size * 1.35

    def box(self, x: float, y: float, size: float = 4 * mm) -> None:
        """A tick box with its lower left corner at (x, y)."""
        self.canvas.rect(x, y, size, size, stroke=1, fill=0)

    def write_line(self, x: float, y: float, width: float) -> None:
        """A line to write on."""
        self.canvas.setDash(1, 2)
        self.canvas.line(x, y, x + width, y)
        self.canvas.setDash()

    def qr(self, value: str, x: float, y: float, size: float) -> None:
        """A QR code of ``value`` with its lower left corner at (x, y), ``size`` wide with
        its quiet zone: reportlab's QR encoder, drawn as one path of dark runs."""
        modules = qr_modules(value)
        count = len(modules)
        cell = size / (count + 8)  # four modules of quiet zone on each side
        path = self.canvas.beginPath()
        for r, row in enumerate(modules):
            top = y + size - (r + 4) * cell
            c = 0
            while c < count:
                if row[c]:
                    start = c
                    while c < count and row[c]:
                        c += 1
                    path.rect(x + (start + 4) * cell, top - cell, (c - start) * cell, cell)
                else:
                    c += 1
        self.canvas.drawPath(path, stroke=0, fill=1)


def qr_modules(value: str) -> list[list[bool]]:
    """The dark modules of a QR code of ``value`` (error correction M). The mask pattern is
    fixed instead of searched for: every mask reads alike on a printed letter, and the search
    costs ten times the encoding."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.version = code.calculate_version()
    code.makeImpl(False, 0)
    return code.modules


class Letter(Protocol):
    """One letter: draws its pages on the canvas (``showPage`` after each)."""

    def draw(self, canvas: Canvas) -> None: ...


@dataclass
class Metadata:
    title: str = ""
    author: str = "Wijkpunt"


def render_chunk(letters: Iterable[Letter], *, metadata: Metadata | None = None) -> bytes:
    """One small PDF of these letters, in memory."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, invariant=1)
    meta = metadata or Metadata()
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setCreator("Wijkpunt")
    for letter in letters:
        letter.draw(canvas)
    canvas.save()
    return buffer.getvalue()


# -- streaming many chunks into one file ---------------------------------------------------

_REF = re.compile(rb"(\d+) 0 R")
_OBJ = re.compile(rb"(\d+) 0 obj\s*")
_XREF_ROW = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


class StreamingPDF:
    """One PDF file written chunk by chunk: ``add(chunk_bytes)`` for each reportlab document,
    ``close()`` at the end. Objects 1–3 are the output's page tree, catalogue and info."""

    PAGES, CATALOG, INFO = 1, 2, 3

    def __init__(self, fileobj: IO[bytes], *, title: str = "") -> None:
        self.out = fileobj
        self.title = title
        self.offsets = array("Q", [0, 0, 0])  # objects 1..n (index + 1)
        self.kids = array("Q")
        self.position = 0
        self._write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    def _write(self, data: bytes) -> None:
        self.out.write(data)
        self.position += len(data)

    @property
    def pages(self) -> int:
        return len(self.kids)

    def add(self, pdf: bytes) -> int:
        """Copy one reportlab document's pages (and what they use) in; returns its pages."""
        objects, root, info = _objects(pdf)
        pages_root = int(_dict_value(objects[root], rb"/Pages"))
        skipped = {root, info, pages_root}
        first = len(self.offsets) + 1
        numbers = {
            n: first + i for i, n in enumerate(n for n in sorted(objects) if n not in skipped)
        }
        numbers[pages_root] = self.PAGES

        def renumber(match: re.Match) -> bytes:
            return b"%d 0 R" % numbers[int(match.group(1))]

        added = 0
        for old in sorted(objects):
            if old in skipped:
                continue
            body = objects[old]
            split = body.find(b"stream")
            head, rest = (body, b"") if split < 0 else (body[:split], body[split:])
            head = _REF.sub(renumber, head)
            self.offsets.append(self.position)
            self._write(b"%d 0 obj\n" % numbers[old] + head + rest)
            if _PAGE.search(head):
                self.kids.append(numbers[old])
                added += 1
        return added

    def close(self) -> None:
        kids = b" ".join(b"%d 0 R" % k for k in self.kids)
        title = _pdf_string(self.title)
        for number, body in (
            (self.PAGES, b"<< /Type /Pages /Count %d /Kids [ %s ] >>" % (len(self.kids), kids)),
            (self.CATALOG, b"<< /Type /Catalog /Pages %d 0 R >>" % self.PAGES),
            (self.INFO, b"<< /Title %s /Producer (Wijkpunt) /Creator (Wijkpunt) >>" % title),
        ):
            self.offsets[number - 1] = self.position
            self._write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        start = self.position
        rows = [b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.offsets) + 1)]
        rows.extend(b"%010d 00000 n \n" % offset for offset in self.offsets)
        self._write(b"".join(rows))
        self._write(
            b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(self.offsets) + 1, self.CATALOG, self.INFO, start)
        )


def _pdf_string(text: str) -> bytes:
    """A PDF text string (UTF-16 with its byte-order mark, as hex)."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _dict_value(body: bytes, key: bytes) -> bytes:
    found = re.search(re.escape(key) + rb"\s+(\d+) 0 R", body)
    if found is None:
        raise ValueError(f"no {key!r} in the PDF object")
    return found.group(1)


def _objects(pdf: bytes) -> tuple[dict[int, bytes], int, int]:
    """The objects of a reportlab document (by number: what follows "N 0 obj" up to and
    including "endobj"), its catalogue's and its info's numbers."""
    start = int(pdf[pdf.rindex(b"startxref") + 9 :].split()[0])
    trailer = pdf[pdf.index(b"trailer", start) :]
    root = int(_dict_value(trailer, rb"/Root"))
    info = int(_dict_value(trailer, rb"/Info"))
    table = pdf[start : pdf.index(b"trailer", start)]
    offsets: list[tuple[int, int]] = []
    for number, row in enumerate(_XREF_ROW.finditer(table)):
        if row.group(3) == b"n":
            offsets.append((number, int(row.group(1))))
    offsets.sort(key=lambda pair: pair[1])
    objects: dict[int, bytes] = {}
    for i, (num, offset) in enumerate(offsets):
        end = offsets[i + 1][1] if i + 1 < len(offsets) else start
        chunk = pdf[offset:end]
        header = _OBJ.match(chunk)
        if header is None or int(header.group(1)) != num:
            raise ValueError(f"PDF object {num} is not where the table says")
        body = chunk[header.end() :]
        body = body[: body.rindex(b"endobj") + 6] + b"\n"
        objects[num] = body
    return objects, root, info


def write_letters(
    fileobj: IO[bytes],
    letters: Iterable[Letter],
    *,
    chunk_size: int = 100,
    title: str = "",
    progress=None,
) -> tuple[int, int]:
    """Stream ``letters`` into ``fileobj`` as one PDF, ``chunk_size`` at a time, calling
    ``progress(done)`` after each chunk. Returns the number of letters and of pages."""
    out = StreamingPDF(fileobj, title=title)
    done = 0
    for chunk in _chunks(letters, chunk_size):
        out.add(render_chunk(chunk, metadata=Metadata(title=title)))
        done += len(chunk)
        if progress is not None:
            progress(done)
    out.close()
    return done, out.pages


def _chunks(items: Iterable[Letter], size: int) -> Iterator[list[Letter]]:
    chunk: list[Letter] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
