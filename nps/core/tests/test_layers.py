"""The layers of docs/ARCHITECTURE.md, held by a scan of the imports: a lower layer never imports
a higher one.

    imports, delivery        (top: they read and write the domain apps' data)
    learning                 (the domain apps, each above the ones listed after it:
    vault                     learning reads readings and the journal, a journal entry is a
    oracle                    reading's)
    nps/                     (the floor: settings, accounts, core)
    oracle/engines           (pure Python, no Django: oracle/tests/test_engines_layout.py)

`nps/` reaches the apps above it only through what they register in their `AppConfig.ready()`
(`nps.core.blind_index.register_rebuilder`, `nps.accounts.extensions`) and through the dotted
names in settings and `nps/urls.py` (strings, not imports); the oracle reaches learning's
preferences for the AI prompt the same way
(`oracle.services.interpretation.register_learned_preferences`). Tests may import anything:
they test the layers together.
"""

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
ABOVE_THE_CORE = {"oracle", "vault", "learning", "imports", "delivery"}
TOP_APPS = {"imports", "delivery"}
DOMAIN_APPS = ("oracle", "vault", "learning")  # each may import only those before it


def modules_of(package: str) -> list[pathlib.Path]:
    return sorted(path for path in (ROOT / package).rglob("*.py") if "tests" not in path.parts[:-1])


def imported_modules(source: str) -> list[str]:
    """Every module `source` imports, at the top or inside a function, by statement or by
    `importlib.import_module("…")` with a literal name."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.append(node.args[0].value)
    return names


def imports_of(source: str, packages: set[str]) -> list[str]:
    return [name for name in imported_modules(source) if name.split(".")[0] in packages]


CORE_MODULES = modules_of("nps")
DOMAIN_MODULES = [path for app in DOMAIN_APPS for path in modules_of(app)]


def relative(path: pathlib.Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", CORE_MODULES, ids=relative)
def test_the_core_imports_no_app_above_it(path):
    assert imports_of(path.read_text(), ABOVE_THE_CORE) == []


@pytest.mark.parametrize("path", DOMAIN_MODULES, ids=relative)
def test_the_domain_apps_import_neither_imports_nor_delivery(path):
    assert imports_of(path.read_text(), TOP_APPS) == []


@pytest.mark.parametrize("path", DOMAIN_MODULES, ids=relative)
def test_a_domain_app_imports_no_domain_app_above_it(path):
    app = relative(path).split("/")[0]
    above = set(DOMAIN_APPS[DOMAIN_APPS.index(app) + 1 :])
    assert imports_of(path.read_text(), above) == []


def test_the_scan_finds_an_upward_import_wherever_it_is_written():
    source = """
from nps.core import audit
import vault.models
from oracle.engines.errors import EngineError

def later():
    from delivery.services import choices
    importlib.import_module("imports.models")
"""
    assert imports_of(source, ABOVE_THE_CORE) == [
        "vault.models",
        "oracle.engines.errors",
        "delivery.services",
        "imports.models",
    ]
    assert imports_of("from nps.core.errors import InvalidField\n", ABOVE_THE_CORE) == []


def test_the_scan_sees_the_core_and_the_domain_apps_but_not_tests():
    seen = {relative(path) for path in CORE_MODULES}
    assert {"nps/urls.py", "nps/core/pages.py", "nps/accounts/settings_views.py"} <= seen
    assert not [name for name in seen if "/tests/" in name]
    assert {"oracle/admin.py", "vault/services.py", "learning/services/engine.py"} <= {
        relative(path) for path in DOMAIN_MODULES
    }
