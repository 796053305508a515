"""One <head> for every page: base.html links the one stylesheet and carries the htmx config;
page templates add only their scripts, and fragments (htmx partials) carry neither."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Skins of third-party pages with their own <head>: the admin's (it links the admin's own forms.css)
# and drf-spectacular's ReDoc page (api-docs.css).
THIRD_PARTY = ("templates/admin/", "templates/drf_spectacular/")
STYLESHEET = re.compile(r"<link\b[^>]*rel=[\"']?stylesheet", re.I)
SCRIPT = re.compile(r"<script\b|\.media\b|_media\b", re.I)
PARTIAL = re.compile(r"{%\s*partialdef\s+([\w-]+)[^%]*%}(.*?){%\s*endpartialdef", re.S)


def project_templates() -> dict[str, str]:
    found = {}
    for folder in ["templates", "nps", "oracle", "vault", "learning", "imports"]:
        for path in (ROOT / folder).rglob("*.html"):
            name = path.relative_to(ROOT).as_posix()
            if "/templates/" in f"/{name}" and not name.startswith(THIRD_PARTY):
                found[name] = path.read_text()
    return found


def test_only_base_html_links_a_stylesheet():
    templates = project_templates()
    assert "templates/base.html" in templates and len(templates) > 40
    linking = sorted(name for name, text in templates.items() if STYLESHEET.search(text))
    assert linking == ["templates/base.html"]
    assert STYLESHEET.findall(templates["templates/base.html"]) == ['<link rel="stylesheet']
    assert "css/nps.css" in templates["templates/base.html"]


def test_no_fragment_carries_a_script_or_a_stylesheet():
    fragments = {}
    for name, text in project_templates().items():
        if name != "templates/base.html" and "{% extends" not in text:
            fragments[name] = text  # an included piece or a fragment rendered on its own
        for partial, body in PARTIAL.findall(text):
            fragments[f"{name}#{partial}"] = body
    assert any("#" in name for name in fragments) and len(fragments) > 20
    carrying = sorted(
        name for name, text in fragments.items() if SCRIPT.search(text) or STYLESHEET.search(text)
    )
    assert carrying == []


def test_the_htmx_config_is_set_once_in_base_html():
    having = sorted(name for name, text in project_templates().items() if "htmx-config" in text)
    assert having == ["templates/base.html"]
    assert "htmx:beforeSwap" not in (ROOT / "static" / "js" / "consult.js").read_text()
