"""The printable certificate: one landscape page drawn with ReportLab, QR code included.

It is drawn from the stored certificate whenever it is asked for, so it is never lost.
The built-in PDF fonts print Western European alphabets; names are checked against them.
"""

import itertools
from dataclasses import dataclass
from io import BytesIO

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.pdfgen.canvas import Canvas

from certificates.models import Certificate

PAPER_SIZES = {"letter": landscape(letter), "a4": landscape(A4)}
PRINTABLE_ENCODING = "cp1252"  # what the standard PDF fonts can draw
BRAND = HexColor("#183b63")
ACCENT = HexColor("#c6532b")
INK = HexColor("#1b1f24")
INK_SOFT = HexColor("#4a525c")
QR_SIZE = 92


@dataclass(frozen=True)
class Issuer:
    name: str
    signatory_name: str = ""
    signatory_title: str = ""


def printable(text: str) -> bool:
    """Whether the certificate's fonts can print this text."""
    try:
        text.encode(PRINTABLE_ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def _fit(canvas: Canvas, text: str, font: str, size: float, max_width: float) -> float:
    """The largest font size up to size at which text fits max_width."""
    width = canvas.stringWidth(text, font, size)
    return size if width <= max_width else size * max_width / width


def _centred(canvas: Canvas, y: float, text: str, font: str, size: float, colour) -> None:
    page_width = canvas._pagesize[0]
    size = _fit(canvas, text, font, size, page_width - 160)
    canvas.setFont(font, size)
    canvas.setFillColor(colour)
    canvas.drawCentredString(page_width / 2, y, text)


def _frame(canvas: Canvas, width: float, height: float) -> None:
    canvas.setStrokeColor(BRAND)
    canvas.setLineWidth(6)
    canvas.rect(24, 24, width - 48, height - 48)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.2)
    canvas.rect(36, 36, width - 72, height - 72)


def _qr(canvas: Canvas, url: str, x: float, y: float) -> None:
    """Draw the QR code as one filled path of dark runs (ReportLab's encoder, no widget)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    count = code.getModuleCount()
    box = QR_SIZE / count
    path = canvas.beginPath()
    for row, modules in enumerate(code.modules):
        column = 0
        for dark, run in itertools.groupby(bool(module) for module in modules):
            length = len(list(run))
            if dark:
                path.rect(x + column * box, y + QR_SIZE - (row + 1) * box, length * box, box)
            column += length
    canvas.setFillColor(INK)
    canvas.drawPath(path, stroke=0, fill=1)


def _body(canvas: Canvas, certificate: Certificate, issuer: Issuer, height: float) -> None:
    # Translators: a Django date format for the completion date printed on certificates.
    completed = formats.date_format(timezone.localtime(certificate.completed_at), _("F j, Y"))
    _centred(canvas, height - 100, issuer.name.upper(), "Helvetica-Bold", 13, BRAND)
    _centred(canvas, height - 160, _("Certificate of Completion"), "Times-Bold", 40, BRAND)
    _centred(canvas, height - 210, _("This certifies that"), "Times-Italic", 16, INK_SOFT)
    _centred(canvas, height - 262, certificate.recipient_name, "Times-Bold", 36, INK)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1)
    canvas.line(
        canvas._pagesize[0] / 2 - 180, height - 276, canvas._pagesize[0] / 2 + 180, height - 276
    )
    _centred(canvas, height - 312, _("has completed the course"), "Times-Italic", 16, INK_SOFT)
    _centred(canvas, height - 350, certificate.course_title, "Times-Bold", 26, BRAND)
    _centred(
        canvas,
        height - 384,
        _("Completed on %(date)s") % {"date": completed},
        "Helvetica",
        13,
        INK,
    )


def _footer(canvas: Canvas, certificate: Certificate, issuer: Issuer, verify_url: str) -> None:
    width = canvas._pagesize[0]
    _qr(canvas, verify_url, 60, 58)
    canvas.setFillColor(INK_SOFT)
    canvas.setFont("Helvetica", 9)
    canvas.drawString(164, 136, _("Verify this certificate:"))
    right_edge = width - (300 if issuer.signatory_name else 64)
    canvas.setFillColor(BRAND)
    canvas.setFont("Helvetica", _fit(canvas, verify_url, "Helvetica", 9, right_edge - 164))
    canvas.drawString(164, 122, verify_url)
    canvas.setFillColor(INK_SOFT)
    canvas.drawString(164, 100, _("Certificate code"))
    canvas.setFillColor(INK)
    canvas.setFont("Courier-Bold", 12)
    canvas.drawString(164, 86, certificate.display_code)
    if issuer.signatory_name:
        canvas.setStrokeColor(INK_SOFT)
        canvas.line(width - 284, 108, width - 64, 108)
        canvas.setFillColor(INK)
        canvas.setFont("Helvetica-Bold", 11)
        canvas.drawRightString(width - 64, 92, issuer.signatory_name)
        canvas.setFont("Helvetica", 9)
        canvas.drawRightString(width - 64, 78, issuer.signatory_title)


def certificate_pdf(
    certificate: Certificate, *, issuer: Issuer, verify_url: str, paper: str = "letter"
) -> bytes:
    """The certificate as a one-page PDF, in the language the learner took the course in."""
    buffer = BytesIO()
    page_size = PAPER_SIZES.get(paper, PAPER_SIZES["letter"])
    canvas = Canvas(buffer, pagesize=page_size, pageCompression=1, invariant=1)
    with translation.override(certificate.language):
        canvas.setTitle(_("Certificate of Completion") + f": {certificate.course_title}")
        canvas.setAuthor(issuer.name)
        _frame(canvas, *page_size)
        _body(canvas, certificate, issuer, page_size[1])
        _footer(canvas, certificate, issuer, verify_url)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
