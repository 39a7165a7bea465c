"""Where the cell-diff layer (screen_diff.py) meets Textual: its one touch of Textual's insides,
kept apart from textual_seams.py (Textual's private parts) since it touches only public ones.

Checked against Textual 8.2.8; tests/ui/test_screen_diff_seam.py fails if any of it moves:
- `App.driver_class`: set by `App.__init__`, read when the app runs to make its driver. install()
  replaces it before the app runs; imr-tui's App is left as it is.
- `LinuxDriver.write(data)`: everything Textual sends the terminal passes through it (each frame
  in one call, each mode in its own), from the app's thread and, for a few modes, from the
  input thread; so the layer is fed under a lock.
- `LinuxDriver.start_application_mode()`: it installs Textual's SIGWINCH handler, which is
  chained here so that the layer knows the window changed size before Textual redraws it.
"""

from __future__ import annotations

import shutil
import signal
import threading

from textual.app import App
from textual.drivers.linux_driver import LinuxDriver

from imr_tui.ui.screen_diff import ScreenDiff


def install(app: App) -> bool:
    """Put the cell-diff layer between `app` and its terminal; False if the app would not run
    on Textual's Linux and macOS driver (it is left as it was)."""
    if app.driver_class is not LinuxDriver:
        return False
    app.driver_class = DiffingDriver
    return True


def inserts_and_deletes() -> bool:
    """Whether the terminal named by TERM can insert and delete characters in a line (ich and
    dch in its terminfo entry: xterm, screen, tmux and linux can; a VT100 cannot)."""
    try:
        import curses

        curses.setupterm()
        return bool(curses.tigetstr("ich") and curses.tigetstr("dch"))
    except Exception:  # no terminfo entry, no curses: the layer does without
        return False


class DiffingDriver(LinuxDriver):
    """Textual's driver, sending the terminal only the cells that changed."""

    def start_application_mode(self) -> None:
        # Again after a suspend (ctrl+z, then fg): the terminal's screen is not known then.
        self._imr_lock = threading.Lock()
        self._imr_diff = ScreenDiff(*shutil.get_terminal_size(), insert_delete=inserts_and_deletes())
        self._imr_resized = False
        super().start_application_mode()
        textual_handler = signal.getsignal(signal.SIGWINCH)

        def resized(signum: int, frame: object) -> None:
            self._imr_resized = True  # before Textual hears of it, and so before it redraws
            if callable(textual_handler):
                textual_handler(signum, frame)

        signal.signal(signal.SIGWINCH, resized)

    def write(self, data: str) -> None:
        with self._imr_lock:
            diff = self._imr_diff
            # Measured as Textual measures it; the flag catches a size changed and changed back.
            size = shutil.get_terminal_size()
            if self._imr_resized or size != (diff.width, diff.height):
                self._imr_resized = False
                diff.resize(*size)
            sent = diff.feed(data)
            if sent:
                super().write(sent)
