"""The engines are a package of pure modules that share only public names."""

import ast
import pathlib

import pytest

ENGINES = pathlib.Path(__file__).resolve().parents[1] / "engines"
MODULES = sorted(ENGINES.rglob("*.py"))


def _imported_names(tree: ast.Module) -> set[str]:
    return {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ENGINES)))
def test_no_engine_module_uses_another_modules_private_names(path):
    tree = ast.parse(path.read_text())
    private = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name.startswith("_")
    ]
    modules = _imported_names(tree)
    private += [
        f"{node.value.id}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in modules
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
    ]
    assert private == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ENGINES)))
def test_engine_modules_import_no_django(path):
    tree = ast.parse(path.read_text())
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [name for name in imported if name.split(".")[0] in {"django", "rest_framework"}]


def test_the_scan_sees_the_engine_modules():
    assert {"fc60.py", "numerology.py", "signs.py", "compose.py"} <= {path.name for path in MODULES}
