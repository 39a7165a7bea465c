"""A page reaches the terminal once, built; keys typed meanwhile wait for it, in order.

Textual sends a new page three or four times as it is composed, styled, laid out and its text
wrapped (some 5 KB each at 80x24). While a page is built (pushed, switched to, popped, or its
answer swapped in) the app sends nothing, then what changed, once (LeanScreen holds its drawing).

Keys typed meanwhile (a burst over a slow link, a fast typist) wait for the page: sent on at once,
they reached the page being left, or no field at all. Both wait BUILD_SECONDS at most: never a
frozen screen.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Iterable

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen

from imr_tui.ui import keys
from imr_tui.ui.textual_seams import draw_what_waited

BUILD_SECONDS = 2.0  # the longest a new page is held back while it is built


class HeldWhileBuilding(App[int]):
    def __init__(self) -> None:
        super().__init__()
        self.output_held = 0  # pages being built: nothing is drawn meanwhile (send_when_built)
        self._typed_ahead: deque[events.Key] = deque()  # keys waiting for a page being built

    def send_when_built(self, *changes: Awaitable[object]) -> None:
        """Send nothing until the pages being pushed, switched to or popped (or the answer being
        swapped in) are built and settled, then send what changed, once. Keys typed meanwhile
        wait too (on_event)."""
        self.output_held += 1
        until = asyncio.get_running_loop().time() + BUILD_SECONDS

        async def release() -> None:
            try:
                await asyncio.wait([asyncio.ensure_future(change) for change in changes], timeout=BUILD_SECONDS)
                await self._settled(until)
            finally:
                self.output_held -= 1
                if not self.output_held and self.screen_stack:
                    draw_what_waited(self.screen)  # at once, not at the next refresh
                    self.call_later(self._send_typed_ahead)

        self.run_worker(release)

    def show_dialog(self, dialog: Screen, answered: Callable[[object], None] | None = None) -> None:
        """A dialog over the page: keys typed while it opens wait for it, as for a page."""
        self.send_when_built(self.push_screen(dialog, answered))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            for key in keys.as_typed(event):
                if self.output_held or self._typed_ahead:
                    self._typed_ahead.append(key)
                else:
                    await self._hand_on(key)
            return
        await super().on_event(event)

    async def _send_typed_ahead(self) -> None:
        while self._typed_ahead and not self.output_held:
            await self._hand_on(self._typed_ahead.popleft())

    async def _hand_on(self, key: events.Key) -> None:
        """One key; a priority key (acted on at once: it may leave the page, quit or move the
        focus) once the field that has the focus has used the keys before it, which would
        otherwise be left behind, the last words typed still waiting in the field's queue."""
        focused = self.focused
        bound = self.active_bindings.get(key.key)
        if focused is not None and bound is not None and bound.binding.priority:
            # The field itself twice (its keys, then the Changed they posted), then each widget
            # up to its page, as the Changed bubbles to the answer that saves it.
            chain = list(focused.ancestors_with_self)
            await self._handled([focused, *chain[: chain.index(focused.screen) + 1]])
        await super().on_event(key)

    async def _handled(self, nodes: Iterable[DOMNode]) -> None:
        """Until each of `nodes`, one after another, has handled every message sent to it."""
        loop = asyncio.get_running_loop()
        until = loop.time() + BUILD_SECONDS
        for node in nodes:
            if (done := _once_handled(node)) is not None:
                await asyncio.wait([done], timeout=until - loop.time())

    async def _settled(self, until: float) -> None:
        """Until the page in view has done what building it set off (a resize, text wrapped
        again, a scroll bar): a round in which every widget on it handles what it was sent and
        the page refreshes, with nothing more left to draw."""
        loop = asyncio.get_running_loop()
        while self.screen_stack and loop.time() < until:
            screen = self.screen
            held = getattr(screen, "drawings_held", 0)  # other screens draw as they go
            nodes = (screen, *screen.walk_children())
            handled = [done for node in nodes if (done := _once_handled(node)) is not None]
            handled.append(asyncio.ensure_future(screen.wait_for_refresh()))
            await asyncio.wait(handled, timeout=until - loop.time())
            if self.screen_stack and self.screen is screen and getattr(screen, "drawings_held", 0) == held:
                return


def _once_handled(node: DOMNode) -> asyncio.Future | None:
    """Done once `node` has handled every message sent to it so far; None if it has gone."""
    done = asyncio.get_running_loop().create_future()
    return done if node.call_later(done.set_result, None) else None
