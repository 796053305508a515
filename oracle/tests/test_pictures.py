"""The pictures of the results pages: geometry (oracle.pictures) and the SVG the tags render."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from django.conf import settings
from django.template import engines
from django.utils import translation

from oracle import pictures
from oracle.engines.compose import compose_multi_user, compose_time_reading

SVG = "{http://www.w3.org/2000/svg}"
GROUP = [
    {"name": "Ali", "birth_year": 1990, "birth_month": 5, "birth_day": 15},
    {"name": "Sara", "birth_year": 1992, "birth_month": 8, "birth_day": 3},
    {"name": "Reza", "birth_year": 1985, "birth_month": 1, "birth_day": 22},
]


@pytest.fixture(scope="module")
def reading():
    return compose_time_reading(datetime(2026, 12, 2, 13, 30), tz="Asia/Tehran")


@pytest.fixture(scope="module")
def group():
    return compose_multi_user(GROUP, include_interpretation=False)


def render(source: str, **context) -> str:
    return engines["django"].from_string("{% load oracle_pictures %}" + source).render(context)


def svgs(html: str) -> list[ET.Element]:
    root = ET.fromstring(html)  # noqa: S314 - our own rendered templates
    return list(root.iter(f"{SVG}svg"))


def visible_text(svg: ET.Element) -> str:
    return " ".join("".join(text.itertext()) for text in svg.iter(f"{SVG}text"))


# --------------------------------------------------------------------------------------------
# Moon


def test_full_moon_is_the_whole_disc_lit():
    moon = pictures.moon_picture({"illumination": 100, "age_days": 14.8})
    r, cx, cy = moon.r, moon.cx, moon.cy
    # two half-circle arcs of the disc's own radius: the limb and a terminator on the far side
    assert moon.lit_path == (
        f"M{cx:g},{cy - r:g} A{r:g},{r:g} 0 0 0 {cx:g},{cy + r:g} A{r:.2f},{r:g} 0 0 0 "
        f"{cx:g},{cy - r:g} Z"
    )
    assert moon.terminator_x == cx + r


def test_new_moon_has_no_lit_part():
    moon = pictures.moon_picture({"illumination": 0.3, "age_days": 0.2})
    assert moon.percent == 0
    assert moon.lit_path is None


def test_quarter_moons_are_half_discs_lit_on_opposite_sides():
    first = pictures.moon_picture({"illumination": 50, "age_days": 7.4})
    last = pictures.moon_picture({"illumination": 50, "age_days": 22.1})
    assert first.terminator_x == last.terminator_x == first.cx
    assert first.lit_path.endswith(f"L{first.cx:g},{first.cy - first.r:g} Z")
    assert " 0 0 1 " in first.lit_path  # limb drawn clockwise: the right half
    assert " 0 0 0 " in last.lit_path  # anticlockwise: the left half


def test_waxing_crescent_lies_between_the_right_limb_and_a_terminator_bulging_right():
    moon = pictures.moon_picture({"illumination": 25, "age_days": 5}, size=120)
    # down the right limb (clockwise), back up along half an ellipse of half-width r/2 drawn
    # anticlockwise from the bottom, i.e. through x = cx + r/2
    assert moon.lit_path == "M60,2 A58,58 0 0 1 60,118 A29.00,58 0 0 0 60,2 Z"


def test_waning_crescent_mirrors_the_waxing_one():
    waxing = pictures.moon_picture({"illumination": 25, "age_days": 5})
    waning = pictures.moon_picture({"illumination": 25, "age_days": 24.5})
    assert waxing.waxing and not waning.waxing
    # a 25 % crescent: the terminator sits half a radius inside the lit limb
    assert waxing.terminator_x == waxing.cx + waxing.r / 2
    assert waning.terminator_x == waning.cx - waning.r / 2
    mirrored = waxing.lit_path.replace(" 0 0 1 ", " 0 0 x ").replace(" 0 0 0 ", " 0 0 1 ")
    assert waning.lit_path == mirrored.replace(" 0 0 x ", " 0 0 0 ")


def test_gibbous_terminator_bulges_away_from_the_lit_limb():
    moon = pictures.moon_picture({"illumination": 75, "age_days": 10})
    assert moon.terminator_x == moon.cx - moon.r / 2


def test_illumination_is_clamped_and_rounded():
    assert pictures.moon_picture({"illumination": 43.67}).percent == 44
    assert pictures.moon_picture({"illumination": 104.2}).percent == 100
    assert pictures.moon_picture({"illumination": -3}).percent == 0
    assert pictures.moon_picture({}).lit_path is None


def test_moon_reads_the_fc60_encoding_as_well_as_the_moon_block(reading):
    from_encoding = pictures.moon_picture(reading["fc60_encoding"])
    from_block = pictures.moon_picture(reading["systems"]["moon"])
    assert from_encoding == from_block
    assert (from_block.percent, from_block.waxing) == (44, False)
    assert str(from_block.phase) == "Last quarter moon"


def test_moon_without_an_age_is_waxing_until_the_full_moon():
    assert pictures.moon_picture({"illumination": 60, "phase_index": 3}).waxing
    assert not pictures.moon_picture({"illumination": 60, "phase_index": 5}).waxing


# --------------------------------------------------------------------------------------------
# Element bars


def test_element_bars_are_proportional_to_the_counts():
    chart = pictures.element_bars({"Metal": 2, "Water": 1, "Wood": 4})
    widths = {bar.element: bar.bar_width for bar in chart.bars}
    assert [bar.element for bar in chart.bars] == ["wood", "fire", "earth", "metal", "water"]
    assert widths["wood"] == chart.track_width
    assert widths["metal"] == chart.track_width / 2
    assert widths["water"] == chart.track_width / 4
    assert widths["fire"] == widths["earth"] == 0
    assert [bar.shown for bar in chart.bars] == [4, 0, 0, 2, 1]
    assert not chart.as_share


def test_element_balance_weights_are_shown_as_shares(reading):
    chart = pictures.element_bars(reading["fc60"]["element_balance"])
    assert chart.as_share
    assert {bar.element: bar.shown for bar in chart.bars} == {
        "wood": 17,
        "fire": 33,
        "earth": 17,
        "metal": 17,
        "water": 17,
    }
    assert [bar.element for bar in chart.bars if bar.dominant] == ["fire"]


def test_element_bars_grow_from_the_right_in_rtl():
    ltr = pictures.element_bars({"Wood": 1, "Fire": 2})
    rtl = pictures.element_bars({"Wood": 1, "Fire": 2}, rtl=True)
    for left, right in zip(ltr.bars, rtl.bars, strict=True):
        assert right.bar_x + right.bar_width == ltr.width - left.bar_x
        assert right.label_x == ltr.width - left.label_x


def test_no_elements_draws_empty_tracks():
    assert all(bar.bar_width == 0 and not bar.dominant for bar in pictures.element_bars({}).bars)


# --------------------------------------------------------------------------------------------
# Compatibility heat map


def test_heatmap_has_n_by_n_cells_with_the_pair_scores(group):
    heatmap = pictures.compatibility_heatmap(group)
    assert len(heatmap.cells) == 9
    scores = {(cell.row_name, cell.column_name): cell.score for cell in heatmap.cells}
    assert scores["Ali", "Sara"] == scores["Sara", "Ali"] == 70  # overall 0.705
    assert scores["Ali", "Reza"] == 50  # 0.498
    assert scores["Ali", "Ali"] is None
    assert [(cell.row_name, cell.column_name) for cell in heatmap.pairs] == [
        ("Ali", "Sara"),
        ("Ali", "Reza"),
        ("Sara", "Reza"),
    ]


@pytest.mark.parametrize(
    ("overall", "band"),
    [(0.8, "excellent"), (0.799, "good"), (0.6, "good"), (0.4, "neutral"), (0.399, "challenging")],
)
def test_heat_cell_colour_follows_the_engine_classification_bands(overall, band):
    result = {
        "profiles": [{"name": "A"}, {"name": "B"}],
        "pairwise_compatibility": [{"overall": overall}],
    }
    cells = pictures.compatibility_heatmap(result).cells
    assert [cell.band for cell in cells] == ["self", band, band, "self"]


def test_people_sharing_a_name_are_told_apart_and_long_names_shortened():
    labels = pictures.person_labels(["Sam", "Sam", "Maximiliana Montgomery-Smith"])
    assert labels[:2] == ["Sam (1)", "Sam (2)"]
    assert labels[2].endswith("…") and len(labels[2]) == 18


def test_heatmap_mirrors_in_rtl_with_room_for_every_label(group):
    ltr = pictures.compatibility_heatmap(group)
    rtl = pictures.compatibility_heatmap(group, rtl=True)
    first_ltr, first_rtl = ltr.cells[1], rtl.cells[1]  # row Ali, column Sara
    assert first_rtl.x == round(ltr.width - first_ltr.x - ltr.cell_size, 2)
    assert rtl.slant == -ltr.slant
    grid_start = min(cell.x for cell in rtl.cells) - 2
    for label in rtl.rows:  # row labels end at the grid's right side, inside the picture
        assert label.x > grid_start + 3 * rtl.cell - 1
        assert label.x + len(label.name) * 8 <= rtl.width


# --------------------------------------------------------------------------------------------
# FC60 tiles


def test_fc60_tiles_one_per_token_of_the_stamp(reading):
    stamp = reading["fc60_encoding"]["stamp"]  # ME-PI-RAER 🌙OX-HOWU-RAWU
    tiles = pictures.fc60_tiles(reading["fc60_encoding"]).tiles
    assert len(tiles) == len(re.split(r"[- ]", stamp)) == 6
    assert [tile.token for tile in tiles] == ["ME", "PI", "RAER", "OX", "HOWU", "RAWU"]
    # the moment: Wednesday 2 December, 13:30:00
    assert [tile.value for tile in tiles] == [None, 12, 2, 13, 30, 0]
    assert [str(tile.name) for tile in tiles] == ["Wednesday", "Pig", "Rat", "Ox", "Horse", "Rat"]
    assert [str(tile.detail) for tile in tiles[2:]] == ["Earth", "after noon", "Wood", "Wood"]


def test_date_only_stamp_has_three_tiles():
    tiles = pictures.fc60_tiles("VE-OX-OXFI")
    assert [tile.token for tile in tiles.tiles] == ["VE", "OX", "OXFI"]
    assert tiles.time == ()
    assert tiles.tiles[2].value == 6


def test_fc60_tiles_start_at_the_right_in_rtl():
    ltr = pictures.fc60_tiles("SO-RA-RAFI ☀RA-RAWU-RAWU")
    rtl = pictures.fc60_tiles("SO-RA-RAFI ☀RA-RAWU-RAWU", rtl=True)
    assert ltr.date[0].x == 0
    assert rtl.date[0].x == rtl.row_width - rtl.tile_width
    assert ltr.time[0].detail == "before noon"


@pytest.mark.parametrize("text", ["", "XX-PI-RAER", "ME-PI-RAZZ", "ME-PI-RAER ☀OX-HOWU"])
def test_text_that_is_not_a_stamp_is_refused(text):
    with pytest.raises(ValueError, match="not an FC60 stamp"):
        pictures.fc60_tiles(text)


# --------------------------------------------------------------------------------------------
# Rendered SVG

TAGS = [
    ("{% moon_picture reading.systems.moon %}", "Last quarter moon, 44% illuminated"),
    ("{% element_bars reading.fc60.element_balance %}", "Element balance"),
    ("{% compatibility_heatmap group %}", "Compatibility of 3 people, out of 100"),
    ("{% fc60_tiles reading.fc60_encoding %}", "FC60 stamp, date: ME-PI-RAER"),
]


@pytest.mark.parametrize(("tag", "title"), TAGS)
def test_each_picture_is_well_formed_svg_with_a_text_alternative(tag, title, reading, group):
    images = svgs(render(tag, reading=reading, group=group))
    assert images
    for svg in images:
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby"), svg.get("aria-describedby")
        assert svg.find(f"{SVG}title").get("id") == title_id
        assert svg.find(f"{SVG}title").text.strip()
        assert svg.find(f"{SVG}desc").get("id") == desc_id
        assert svg.find(f"{SVG}desc").text.strip()
    assert images[0].find(f"{SVG}title").text == title


def test_heatmap_cells_say_whose_score_they_show(reading, group):
    (svg,) = svgs(render("{% compatibility_heatmap group %}", group=group))
    cells = [g for g in svg.iter(f"{SVG}g") if "pic-cell" in g.get("class", "")]
    assert len(cells) == 9
    titles = [cell.find(f"{SVG}title") for cell in cells]
    assert titles[1].text == "Compatibility of Ali and Sara: 70 out of 100"
    assert titles[0] is None  # a person with themself
    assert cells[1].get("class") == "pic-cell pic-heat-good"
    assert "".join(cells[1].find(f"{SVG}text").itertext()) == "70"
    assert "Compatibility of Ali and Reza: 50 out of 100 (Neutral)." in svg.find(f"{SVG}desc").text


def test_fc60_tiles_render_one_tile_per_token(reading):
    html = render("{% fc60_tiles reading.fc60_encoding %}", reading=reading)
    tiles = [g for svg in svgs(html) for g in svg.iter(f"{SVG}g")]
    assert len(tiles) == 6
    assert "RAER Rat Earth" in " ".join(visible_text(svg) for svg in svgs(html))


def test_two_pictures_on_one_page_have_distinct_ids(reading):
    html = render(
        "<div>{% moon_picture m %}{% moon_picture m %}</div>", m=reading["systems"]["moon"]
    )
    ids = [svg.get("aria-labelledby") for svg in svgs(html)]
    assert len(set(ids)) == 2


@pytest.mark.parametrize(("tag", "title"), TAGS)
def test_persian_pictures_show_persian_digits_only(tag, title, reading, group):
    with translation.override("fa"):
        html = render(tag, reading=reading, group=group)
    everything = "".join(ET.fromstring(html).itertext())  # noqa: S314
    assert not re.search(r"[0-9]", everything.replace("FC60", ""))
    assert re.search("[۰-۹]", everything)
    assert all(svg.get("direction") in (None, "rtl") for svg in svgs(html))


def test_persian_moon_reads_in_persian(reading):
    with translation.override("fa"):
        (svg,) = svgs(render("{% moon_picture m %}", m=reading["systems"]["moon"]))
    assert svg.find(f"{SVG}title").text == "تربیع دوم، ۴۴٪ روشن"
    assert "۴۴٪ روشن" in visible_text(svg)


def test_heatmap_has_a_key_of_its_colour_bands(group):
    html = render("{% compatibility_heatmap group %}", group=group)
    key = ET.fromstring(html).find("ul")  # noqa: S314
    items = ["".join(item.itertext()) for item in key.findall("li")]
    assert items == ["Challenging 0–39", "Neutral 40–59", "Good 60–79", "Excellent 80–100"]
    swatches = [item.find("span").get("class") for item in key.findall("li")]
    assert swatches[-1] == "pic-swatch pic-heat-excellent"


def test_persian_heatmap_labels_duplicate_names_with_persian_digits():
    same = [{**GROUP[0], "name": "Sam"}, {**GROUP[1], "name": "Sam"}]
    with translation.override("fa"):
        html = render("{% compatibility_heatmap g %}", g=compose_multi_user(same))
    (svg,) = svgs(html)
    labels = [text for text in svg.iter(f"{SVG}text") if text.get("class") == "pic-label"]
    assert "".join(labels[0].itertext()) == "\u2068Sam (۱)\u2069"
    assert "".join(labels[1].itertext()) == "\u2068Sam (۲)\u2069"


def test_persian_heatmap_is_drawn_right_to_left(group):
    with translation.override("fa"):
        (svg,) = svgs(render("{% compatibility_heatmap group %}", group=group))
    assert svg.get("direction") == "rtl"
    labels = [text for text in svg.iter(f"{SVG}text") if text.get("class") == "pic-label"]
    row_label = labels[0]
    assert float(row_label.get("x")) > float(svg.get("width")) / 2
    assert "rotate(45 " in labels[3].get("transform")


def test_every_band_has_a_fill_and_a_text_colour_in_the_stylesheet():
    css = (settings.BASE_DIR / "static" / "css" / "nps.css").read_text()
    for band in [name for name, _threshold, _label in pictures.COMPATIBILITY_BANDS] + ["self"]:
        assert f".pic-heat-{band} rect {{ fill: var(--pic-heat-{band}); " in css
        assert f".pic-heat-{band} text {{ fill: var(--pic-heat-{band}-text); " in css


def test_a_kept_stamp_gets_ids_of_its_own_on_every_page_and_its_language(reading):
    source = "{% fc60_tiles stamp %}{% fc60_tiles stamp %}{% element_bars bars %}"
    context = {"stamp": reading["fc60_encoding"], "bars": reading["fc60"]["element_balance"]}
    with translation.override("en"):
        first, again = render(source, **context), render(source, **context)
    ids = re.findall(r'\bid="([^"]+)"', first)
    assert len(ids) == len(set(ids))  # two stamps on one page: no id twice
    assert not set(ids) & set(re.findall(r'\bid="([^"]+)"', again))
    assert re.sub(r"pic-\w{8}", "ID", first) == re.sub(r"pic-\w{8}", "ID", again)
    with translation.override("fa"):
        persian = render(source, **context)
    assert "FC60 stamp, date" in first and "FC60 stamp, date" not in persian
    assert re.search("[۰-۹]", persian) and not re.search("[۰-۹]", first)
