"""What the cell-diff layer relies on in Textual (screen_diff_seam.py): a Textual that moved it
fails here. That the layer really is in the path, a test in a pseudo-terminal shows
(tests/terminal/test_screen_diff_terminal.py: fewer bytes, the same screens)."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys

import pytest
from textual.app import App
from textual.drivers.linux_driver import LinuxDriver

from imr_tui.ui.screen_diff_seam import DiffingDriver, install


def test_the_layer_replaces_the_driver_textual_would_start():
    app = App()
    assert app.driver_class is LinuxDriver  # Textual's choice on Linux and macOS, kept on the app
    assert install(app)
    assert app.driver_class is DiffingDriver
    assert not install(app)  # only over Textual's own driver


def test_textual_starts_its_driver_from_the_app_and_writes_through_one_method():
    # App.run builds its driver from app.driver_class (unless headless or inline).
    assert "driver_class = self.driver_class" in inspect.getsource(App._build_driver)
    assert list(inspect.signature(LinuxDriver.write).parameters) == ["self", "data"]
    # Textual's own resize handler is set as it starts, for the layer to chain after it.
    assert "signal.SIGWINCH" in inspect.getsource(LinuxDriver.start_application_mode)


@pytest.mark.parametrize(
    "term, can", [("xterm-256color", True), ("screen", True), ("linux", True), ("vt100", False), ("no-such", False)]
)
def test_characters_are_inserted_and_deleted_only_on_terminals_that_can(term, can):
    found = subprocess.run(
        [sys.executable, "-c", "from imr_tui.ui.screen_diff_seam import inserts_and_deletes; print(inserts_and_deletes())"],
        env={**os.environ, "TERM": term},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert found.stdout.strip() == str(can), found.stderr
