"""Build oracle/fonts/NPSSymbols-Regular.ttf: the few symbols the engines write that Vazirmatn
lacks, cut out of DejaVu Sans (Bitstream Vera licence: a modified font must be renamed).

    .venv/bin/python scripts/make_symbols_font.py \
        /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf oracle/fonts/NPSSymbols-Regular.ttf
"""

import sys

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

source, target = sys.argv[1], sys.argv[2]
chars = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙ☀☉☽☾☿♀♂♃♄←→⇄─" + "".join(
    chr(c) for c in range(0x1F311, 0x1F319)
)
options = subset.Options()
options.layout_features = ["*"]
options.name_IDs = ["*"]
options.notdef_outline = True
font = TTFont(source)
subsetter = subset.Subsetter(options)
subsetter.populate(unicodes=[ord(c) for c in chars])
subsetter.subset(font)
# 🌙 (crescent moon, the FC60 stamp's "after noon") is drawn with DejaVu's ☾.
crescent = font.getBestCmap()[0x263E]
full = dict(font.getBestCmap())
full[0x1F319] = crescent
font["cmap"].tables = []
for platform, encoding, fmt in ((0, 4, 12), (3, 10, 12), (3, 1, 4)):
    table = CmapSubtable.newSubtable(fmt)
    table.platformID, table.platEncID, table.language = platform, encoding, 0
    table.cmap = {k: v for k, v in full.items() if fmt == 12 or k <= 0xFFFF}
    font["cmap"].tables.append(table)
names = font["name"]
for record in list(names.names):
    if record.nameID in (1, 4, 16, 21):
        names.setName(
            "NPS Symbols", record.nameID, record.platformID, record.platEncID, record.langID
        )
    elif record.nameID == 6:
        names.setName(
            "NPSSymbols-Regular", record.nameID, record.platformID, record.platEncID, record.langID
        )
    elif record.nameID == 3:
        names.setName(
            "NPS Symbols (subset of DejaVu Sans)",
            record.nameID,
            record.platformID,
            record.platEncID,
            record.langID,
        )
font.save(target)
print(len(full), "characters")
