"""The worked example: a complete fictional review that ships with imr-tui."""

from functools import cache
from pathlib import Path

from imr_tui.model import Review

WORKED_EXAMPLE = Path(__file__).with_name("child-a.toml")


@cache
def worked_example() -> Review:
    """The example, read once and shared: copy it (`model_copy(deep=True)`) to change it."""
    from imr_tui.store import load

    return load(WORKED_EXAMPLE)
