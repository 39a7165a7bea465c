"""Textual's private parts are touched in one module, imr_tui/ui/textual_seams.py, and nowhere else.

A private (a name starting with one underscore) may change in any Textual release: kept in one
module, each with why, an upgrade is checked in one place. Names imr-tui gives its own private
attributes (self._save_timer) are its own business.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from functools import cache
from pathlib import Path

import rich
import textual

import imr_tui

PACKAGE = Path(imr_tui.__file__).parent
SEAMS = PACKAGE / "ui" / "textual_seams.py"
FOREIGN = ("textual", "rich")  # rich draws for Textual: its privates are as likely to move


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def foreign(module: str) -> bool:
    return module.split(".")[0] in FOREIGN


@cache
def foreign_privates() -> frozenset[str]:
    """Every private name Textual and rich define, or use on an object."""
    names = set()
    for package in (textual, rich):
        for path in Path(package.__file__).parent.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_bytes())):
                if isinstance(node, ast.Attribute) and private(node.attr):
                    names.add(node.attr)
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and private(node.name):
                    names.add(node.name)
    return frozenset(names)


@cache
def set_on_self(filename: str) -> dict[str, frozenset[str]]:
    """For each class in a source file, by its qualified name: the private names its methods set or
    read on self."""
    found: dict[str, frozenset[str]] = {}

    def walk(node: ast.AST, outer: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                name = f"{outer}{child.name}"
                found[name] = frozenset(
                    attribute.attr
                    for attribute in ast.walk(child)
                    if isinstance(attribute, ast.Attribute) and private(attribute.attr)
                    and isinstance(attribute.value, ast.Name) and attribute.value.id == "self"
                )
                walk(child, f"{name}.")

    walk(ast.parse(Path(filename).read_bytes()), "")
    return found


@cache
def privates_of(cls: type) -> frozenset[str]:
    """The private names a class has from Textual or rich: defined on a class it comes from, or
    set on self by one of their methods."""
    names = set()
    for base in cls.__mro__:
        if foreign(base.__module__):
            names.update(name for name in vars(base) if private(name))
            if (filename := inspect.getsourcefile(base)) is not None:
                names.update(set_on_self(filename).get(base.__qualname__, frozenset()))
    return frozenset(names)


class PrivatesTouched(ast.NodeVisitor):
    """Where a module's code touches a private of Textual's: `obj._name` on a Textual object,
    `super()._hook`, a method overriding one of Textual's, an import from a private module."""

    def __init__(self, namespace: dict) -> None:
        self.namespace = namespace  # the module's, to find its classes and what they come from
        self.classes: list[type | None] = []
        self.modules: dict[str, str] = {}  # names bound to imported modules: what they are
        self.found: list[tuple[int, str]] = []

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._imported(node, alias.name)
            self.modules[(alias.asname or alias.name).split(".")[0]] = alias.name

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            self._imported(node, f"{node.module}.{alias.name}")

    def _imported(self, node: ast.stmt, dotted: str) -> None:
        if foreign(dotted) and any(private(part) for part in dotted.split(".")):
            self.found.append((node.lineno, f"import {dotted}"))

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        outer = self.classes[-1] if self.classes else None
        cls = getattr(outer, node.name, None) if self.classes else self.namespace.get(node.name)
        self.classes.append(cls if isinstance(cls, type) else None)
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and private(item.name):
                if item.name in self._class_privates():
                    self.found.append((item.lineno, f"def {item.name}"))
        self.generic_visit(node)
        self.classes.pop()

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if private(node.attr) and self._touches_foreign(node):
            self.found.append((node.lineno, f".{node.attr}"))
        self.generic_visit(node)

    def _class_privates(self) -> frozenset[str]:
        cls = self.classes[-1] if self.classes else None
        return privates_of(cls) if cls is not None else foreign_privates() if self.classes else frozenset()

    def _touches_foreign(self, node: ast.Attribute) -> bool:
        owner = node.value
        if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
            return node.attr in self._class_privates()
        if isinstance(owner, ast.Name) and owner.id in ("self", "cls") and self.classes:
            return node.attr in self._class_privates()
        root = owner
        while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
            root = root.func if isinstance(root, ast.Call) else root.value
        if isinstance(root, ast.Name) and root.id in self.modules and not foreign(self.modules[root.id]):
            return False  # os._exit: another library's
        return node.attr in foreign_privates()


def privates_touched(source: str, namespace: dict) -> list[tuple[int, str]]:
    finder = PrivatesTouched(namespace)
    finder.visit(ast.parse(source))
    return finder.found


def test_no_textual_private_is_touched_outside_the_seams_module():
    touched = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == SEAMS:
            continue
        name = path.relative_to(PACKAGE.parent).with_suffix("")
        module = importlib.import_module(".".join(name.parts).removesuffix(".__init__"))
        for line, what in privates_touched(path.read_text(encoding="utf-8"), vars(module)):
            touched.append(f"{name}.py:{line}: {what}")
    assert touched == [], "move these into imr_tui/ui/textual_seams.py, each with why"


EXAMPLE = '''
import os
from textual.app import App
from textual.screen import Screen
from textual.widgets import TextArea
from textual._context import active_app


class Wizard(App):
    def __init__(self):
        super().__init__()
        self._save_timer = None  # its own

    def crash(self, error):
        self._exception = error
        self.screen._compositor_refresh()
        os._exit(1)  # not Textual's


class Page(Screen):
    def _compositor_refresh(self):
        super()._compositor_refresh()

    def _hold(self):  # its own
        return self._held


class Area(TextArea):
    def _on_paste(self, event):
        pass


class Session:
    def __init__(self):
        self._writer = None  # not a Textual object at all


def redraw(screen):
    screen._dirty_widgets.clear()
'''


def test_the_check_finds_each_way_of_touching_a_textual_private_and_not_imr_tuis_own():
    namespace: dict = {}
    exec(compile(EXAMPLE, "example", "exec"), namespace)
    assert [what for _, what in privates_touched(EXAMPLE, namespace)] == [
        "import textual._context.active_app",
        "._exception",
        "._compositor_refresh",
        "def _compositor_refresh",
        "._compositor_refresh",
        "def _on_paste",
        "._dirty_widgets",
    ]


def test_each_seam_was_checked_against_the_textual_installed():
    """An upgrade of Textual fails here until each seam is checked again and its note updated."""
    source = SEAMS.read_text(encoding="utf-8")
    lines = source.splitlines()
    for seam in ast.parse(source).body:
        if isinstance(seam, (ast.ClassDef, ast.FunctionDef)):
            text = " ".join(" ".join(lines[seam.lineno - 1 : seam.end_lineno]).split())
            assert f"checked against textual {textual.__version__}" in text.lower(), seam.name
