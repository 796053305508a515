"""A reading's document (:mod:`oracle.services.reading_document`) drawn as an A4 PDF.

fpdf2 draws it with HarfBuzz text shaping (uharfbuzz) and the vendored Vazirmatn font
(`oracle/fonts/`), so Persian letters join and run right to left, and the text layer holds the
words (a reader can search and copy them). The few symbols the engines write that Vazirmatn lacks
(the FC60 stamp's ☀/🌙, planet signs, the tone marks of Gānzhī names) come from "NPS Symbols", a
subset of DejaVu Sans vendored beside it; other characters without a glyph (emoji, CJK) are left
out rather than drawn as boxes.

Layout: a title and a line with the reading's number and date; each block under a heading, its
facts as two columns (label, value) and its paragraphs across the page; pages follow as the text
needs, each numbered in its footer. In Persian the page runs right to left (labels on the right,
text aligned right); each value and paragraph keeps its own direction (a Persian question in an
English export reads right to left, an FC60 stamp in a Persian one left to right).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from oracle.services.reading_document import Block, Document, number

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT = "Vazirmatn"
SYMBOLS = "NPSSymbols"
# fontTools logs every table it prunes while fpdf2 subsets the fonts, at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

MARGIN = 18  # mm
LABEL_WIDTH = 50  # mm, the facts' label column
GAP = 4  # mm between label and value
INK = (33, 33, 40)
MUTED = (105, 105, 115)
ACCENT = (74, 58, 140)
RULE = (200, 196, 220)


_SPACES = re.compile(r"  +")


@cache
def _glyphs() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for name in ("Vazirmatn-Regular.ttf", "NPSSymbols-Regular.ttf"):
        covered |= set(TTFont(FONT_DIR / name).getBestCmap())
    return frozenset(covered)


def printable(text: str) -> str:
    """The text without characters no font here has a glyph for (emoji, CJK)."""
    glyphs = _glyphs()
    kept = "".join(
        ch
        for ch in text
        if ord(ch) in glyphs or ch in "\n\t" or unicodedata.category(ch) in ("Cf", "Zs")
    )
    return _SPACES.sub(" ", kept).strip() if len(kept) < len(text) else kept


_ZONE_LABEL = re.compile(r"\bUTC(?=[+\-−\s]|$)")


def _own_direction(text: str) -> str | None:
    """The direction most of the text's letters run in (a Persian sentence naming "Hamzeh" is
    right to left, an English one naming "حمزه" left to right); None without letters or with as
    many each way (the page's direction then). A zone's "UTC" is a number's label, not words: a
    Persian moment ("۳ دی ۱۴۰۵، ۰۴:۵۸ UTC+۰۳:۳۰") runs right to left."""
    rtl = ltr = 0
    for ch in _ZONE_LABEL.sub("", text):
        direction = unicodedata.bidirectional(ch)
        if direction in ("R", "AL"):
            rtl += 1
        elif direction == "L":
            ltr += 1
    if rtl == ltr:
        return None
    return "rtl" if rtl > ltr else "ltr"


class _ReadingPDF(FPDF):
    def __init__(self, document: Document) -> None:
        super().__init__(format="A4")
        self.document = document
        self.rtl = document.rtl
        self.direction = "rtl" if document.rtl else "ltr"

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y() - 1, self.w - self.r_margin, self.get_y() - 1)
        text = _("Page %(number)s") % {"number": number(self.page_no())}
        self._write(
            self.epw,
            5,
            f"NPS · {self.document.title.split(' — ')[0]} · {text}",
            self.direction,
            "C",
        )

    # -- writing ----------------------------------------------------------------------------

    def _align(self) -> str:
        return "R" if self.rtl else "L"

    def _write(
        self,
        width: float,
        height: float,
        text: str,
        direction: str | None,
        align: str | None = None,
        *,
        dry_run: bool = False,
    ) -> float:
        """A paragraph in a column of ``width`` from the current position; its height.

        ``direction`` is the paragraph's base direction (None: the direction of most of its
        letters, else the page's)."""
        base = direction or _own_direction(text) or self.direction
        self.set_text_shaping(True, direction=base)
        x = self.get_x()
        result = self.multi_cell(
            width,
            height,
            printable(text) or " ",
            align=align or self._align(),
            new_x=XPos.LEFT,
            new_y=YPos.NEXT,
            dry_run=dry_run,
            output=MethodReturnValue.HEIGHT,
        )
        if not dry_run:
            self.set_x(x)
        return float(result)

    def _room(self, height: float) -> None:
        """A new page unless ``height`` fits below the current position."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    # -- parts ------------------------------------------------------------------------------

    def head(self) -> None:
        self.set_x(self.l_margin)
        self.set_font(FONT, "B", 20)
        self.set_text_color(*ACCENT)
        self._write(self.epw, 10, self.document.title, self.direction)
        self.set_font(FONT, "", 10)
        self.set_text_color(*MUTED)
        self._write(self.epw, 6, self.document.subtitle, self.direction)
        self.ln(2)
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.6)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_line_width(0.2)
        self.ln(4)

    def heading(self, title: str) -> None:
        self._room(22)  # a heading is never left alone at the foot of a page
        self.ln(3)
        self.set_x(self.l_margin)
        self.set_font(FONT, "B", 13)
        self.set_text_color(*ACCENT)
        self._write(self.epw, 7, title, self.direction)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y() + 0.5, self.w - self.r_margin, self.get_y() + 0.5)
        self.ln(2.5)

    def fact(self, label: str, value: str) -> None:
        value_width = self.epw - LABEL_WIDTH - GAP
        self.set_font(FONT, "B", 10)
        label_height = self._write(LABEL_WIDTH, 5.5, label, self.direction, dry_run=True)
        self.set_font(FONT, "", 10)
        value_height = self._write(value_width, 5.5, value, None, dry_run=True)
        self._room(max(label_height, value_height))
        top = self.get_y()
        if self.rtl:
            label_x, value_x = self.w - self.r_margin - LABEL_WIDTH, self.l_margin
        else:
            label_x, value_x = self.l_margin, self.l_margin + LABEL_WIDTH + GAP
        self.set_xy(label_x, top)
        self.set_font(FONT, "B", 10)
        self.set_text_color(*MUTED)
        self._write(LABEL_WIDTH, 5.5, label, self.direction)
        self.set_xy(value_x, top)
        self.set_font(FONT, "", 10)
        self.set_text_color(*INK)
        self._write(value_width, 5.5, value, None)
        self.set_xy(self.l_margin, top + max(label_height, value_height) + 1.2)

    def paragraph(self, text: str, direction: str | None) -> None:
        self.set_x(self.l_margin)
        self.set_font(FONT, "", 10.5)
        self.set_text_color(*INK)
        self._room(6.2 * 2)
        align = "R" if (direction or _own_direction(text) or self.direction) == "rtl" else "L"
        self._write(self.epw, 6.2, text, direction, align)
        self.ln(2)

    def block(self, block: Block) -> None:
        if block.title:
            self.heading(block.title)
        for label, value in block.rows:
            self.fact(label, value)
        if block.rows and block.paragraphs:
            self.ln(2)
        for text in block.paragraphs:
            self.paragraph(text, block.direction)


def render(document: Document, *, title: str) -> bytes:
    pdf = _ReadingPDF(document)
    pdf.set_title(title)
    pdf.set_creator("NPS")
    pdf.set_lang("fa" if document.rtl else "en")
    pdf.add_font(FONT, "", str(FONT_DIR / "Vazirmatn-Regular.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "Vazirmatn-Bold.ttf"))
    pdf.add_font(SYMBOLS, "", str(FONT_DIR / "NPSSymbols-Regular.ttf"))
    pdf.set_fallback_fonts([SYMBOLS], exact_match=False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.add_page()
    pdf.head()
    for block in document.blocks:
        pdf.block(block)
    return bytes(pdf.output())
