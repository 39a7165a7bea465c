"""The imr-tui command, and `python -m imr_tui`."""

import gc
import sys


def main() -> int:
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
