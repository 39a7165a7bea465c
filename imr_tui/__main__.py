"""The imr-tui command, and `python -m imr_tui`."""

import gc
import resource
import sys

PR_SET_DUMPABLE = 4  # linux/prctl.h


def keep_out_of_core_files() -> None:
    """No core file for this process: a crash would write the review, held in memory, into it.
    On Linux the process is also made undumpable, which keeps other programs running as the same
    user from reading its memory (ptrace, /proc/PID/mem)."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def main() -> int:
    keep_out_of_core_files()
    # Starting up makes a few hundred thousand objects that live as long as the program and
    # almost no garbage, so collecting meanwhile only delays the first screen (by about 35 ms).
    # The command line turns collection back on before any command does its work; the wizard,
    # once its review is loaded (see imr_tui.cli.run and imr_tui.ui.app.run_wizard).
    gc.disable()
    from imr_tui.core.guidance import TemplateError

    try:
        from imr_tui.cli import main as run_command  # loads the template, checking it
    except TemplateError as broken:
        print(f"imr-tui: {broken}", file=sys.stderr)
        return 70  # EX_SOFTWARE: imr-tui's own data is wrong
    return run_command()


if __name__ == "__main__":
    sys.exit(main())
