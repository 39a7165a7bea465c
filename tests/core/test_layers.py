"""The core knows nothing of its faces, and no face stands on another: what each package may
import, read from its source (an import inside a function counts too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import imr_tui

PACKAGE = Path(imr_tui.__file__).parent

# Each package, and the top-level names it must never import.
FORBIDDEN = {
    "core": ("textual", "rich", "imr_tui.ui", "imr_tui.plain", "imr_tui.cli"),
    "plain": ("textual", "rich", "imr_tui.ui", "imr_tui.cli"),
    "ui": ("imr_tui.plain", "imr_tui.cli"),
}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_package_imports_nothing_from_the_layers_it_must_not_stand_on(package):
    found = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in sorted((PACKAGE / package).rglob("*.py"))
        for name in imported(path)
        if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[package])
    ]
    assert found == []
