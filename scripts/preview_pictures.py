"""Render the four reading pictures into HTML pages (EN and FA) to look at them in a browser.

    DEBUG=1 .venv/bin/python scripts/preview_pictures.py /tmp/pictures
    /usr/bin/chromium --headless --no-sandbox --disable-gpu --window-size=1280,1600 \
        --screenshot=/tmp/pictures/en.png file:///tmp/pictures/en.html

Writes ``en.html`` and ``fa.html`` for a sample time reading and a three-person group reading,
linking the project's ``static/css/nps.css``.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nps.settings")

import django  # noqa: E402

django.setup()

from django.template import engines  # noqa: E402
from django.utils import translation  # noqa: E402

from oracle.engines.compose import compose_multi_user, compose_time_reading  # noqa: E402

PAGE = """{% load oracle_pictures %}<!doctype html>
<html lang="{{ lang }}" dir="{{ dir }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="{{ static }}/css/nps.css"></head>
<body><main>
<section class="card"><h2>Moon</h2>{% moon_picture reading.systems.moon %}</section>
<section class="card"><h2>FC60</h2>{% fc60_tiles reading.fc60_encoding %}</section>
<section class="card"><h2>Elements</h2>{% element_bars reading.fc60.element_balance %}
{% element_bars group.group_energy.element_distribution %}</section>
<section class="card"><h2>Compatibility</h2>{% compatibility_heatmap group %}
{% compatibility_heatmap large_group %}</section>
<section class="card"><h2>Moons</h2><div style="display:flex;flex-wrap:wrap">
{% for moon in moons %}<div style="inline-size:9rem">{% moon_picture moon %}</div>{% endfor %}
</div></section>
</main></body></html>
"""

SAMPLE_GROUP = (
    ("Ali", 1990, 5, 15),
    ("Sara Mohammadi", 1992, 8, 3),
    ("رضا", 1985, 1, 22),
)
LARGE_GROUP = (
    *SAMPLE_GROUP,
    ("Maximiliana Montgomery-Smith", 1979, 11, 30),
    ("محمدرضا شجریان‌نژاد", 1960, 3, 1),
    ("Jo", 2001, 7, 7),
    ("Ali", 1999, 9, 9),
)
MOONS = [
    {"illumination": percent, "age_days": age}
    for percent, age in ((0, 0.5), (20, 4), (50, 7.4), (80, 11), (100, 14.7), (60, 19), (25, 25))
]


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    reading = compose_time_reading(datetime(2026, 12, 2, 13, 30), tz="Asia/Tehran")
    group, large_group = (
        compose_multi_user(
            [
                dict(zip(("name", "birth_year", "birth_month", "birth_day"), p, strict=True))
                for p in people
            ],
            include_interpretation=False,
        )
        for people in (SAMPLE_GROUP, LARGE_GROUP)
    )
    template = engines["django"].from_string(PAGE)
    for lang, direction in (("en", "ltr"), ("fa", "rtl")):
        with translation.override(lang):
            html = template.render(
                {
                    "lang": lang,
                    "dir": direction,
                    "static": (ROOT / "static").as_uri(),
                    "reading": reading,
                    "group": group,
                    "large_group": large_group,
                    "moons": MOONS,
                }
            )
        (out / f"{lang}.html").write_text(html, encoding="utf-8")
        print(out / f"{lang}.html")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} OUTPUT_FOLDER")
    main(sys.argv[1])
