"""Build the pages' two small fallback fonts (static/fonts/nps-fallback/), for the characters the
pages show that the usual system fonts and Vazirmatn may lack:

* NPSGanzhi.woff — the 10 Heavenly Stems and 12 Earthly Branches (丙午 …), cut out of Noto Sans
  CJK SC (SIL Open Font License 1.1; Debian package fonts-noto-cjk), renamed.
* NPSSymbols.woff — the sun, moon phases, planet signs, stars and the dashboard's icons, cut out
  of DejaVu Sans (Bitstream Vera licence: a modified font must be renamed); 🌙 is drawn with ☾.

    apt-get install fonts-noto-cjk fonts-dejavu-core
    .venv/bin/python scripts/make_web_fallback_fonts.py static/fonts/nps-fallback
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_CJK_SC = 2  # the Simplified Chinese face of the collection
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

STEMS_AND_BRANCHES = "甲乙丙丁戊己庚辛壬癸" + "子丑寅卯辰巳午未申酉戌亥"
SYMBOLS = "☀☉☽☾☿♀♂♃♄★☆✦✎⚭◷☰" + "".join(chr(c) for c in range(0x1F311, 0x1F319))
CRESCENT = 0x1F319  # 🌙, not in DejaVu: drawn with its ☾ (U+263E)


def cut(font: TTFont, chars: str) -> None:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(char) for char in chars])
    subsetter.subset(font)


def rename(font: TTFont, family: str, postscript: str, description: str) -> None:
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16, 21):
            value = family
        elif record.nameID == 6:
            value = postscript
        elif record.nameID == 3:
            value = description
        elif record.nameID in (17, 22):
            value = "Regular"
        else:
            continue
        names.setName(value, record.nameID, record.platformID, record.platEncID, record.langID)


def add_crescent(font: TTFont) -> None:
    full = dict(font.getBestCmap())
    full[CRESCENT] = full[0x263E]
    font["cmap"].tables = []
    for platform, encoding, fmt in ((0, 4, 12), (3, 10, 12), (3, 1, 4)):
        table = CmapSubtable.newSubtable(fmt)
        table.platformID, table.platEncID, table.language = platform, encoding, 0
        table.cmap = {k: v for k, v in full.items() if fmt == 12 or k <= 0xFFFF}
        font["cmap"].tables.append(table)


def main(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    ganzhi = TTCollection(NOTO_CJK).fonts[NOTO_CJK_SC]
    cut(ganzhi, STEMS_AND_BRANCHES)
    rename(ganzhi, "NPS Ganzhi", "NPSGanzhi-Regular", "NPS Ganzhi (subset of Noto Sans CJK SC)")
    ganzhi.flavor = "woff"
    ganzhi.save(target / "NPSGanzhi.woff")

    symbols = TTFont(DEJAVU)
    cut(symbols, SYMBOLS)
    add_crescent(symbols)
    rename(symbols, "NPS Page Symbols", "NPSPageSymbols-Regular", "NPS Page Symbols (DejaVu Sans)")
    symbols.flavor = "woff"
    symbols.save(target / "NPSSymbols.woff")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
