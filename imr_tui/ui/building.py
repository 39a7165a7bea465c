"""A page reaches the terminal once, built; keys typed meanwhile wait for it, in order.

Textual sends a new page three or four times as it is composed, styled, laid out and its text
wrapped (some 5 KB each at 80x24). While a page is built (pushed, switched to, popped, or its
answer swapped in) the app sends nothing, then what changed, once (LeanScreen holds its drawing).

Keys and pastes typed meanwhile (a burst over a slow link, a fast typist) wait for the page: sent
on at once, they reached the page being left, or no field at all. A page and its widgets tell the
app by messages, which make their way up to it one widget at a time, so keys wait for those too:
- a key acted on at once (ctrl+q, Tab, enter; see keys.at_once) waits until the keys before it
  have reached the field and the change they made has reached the app: else ctrl+q straight after
  the last words saved the review without them;
- the keys after it wait until what it asked of the app has reached the app: else, typed after
  enter on the task list (OpenPart), they went to the task list (e exports, q quits).
All of it waits BUILD_SECONDS at most: never a frozen screen.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Sequence

from textual import events, on
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen

from imr_tui.ui import keys, messages
from imr_tui.ui.textual_seams import draw_what_waited

BUILD_SECONDS = 2.0  # the longest a new page is held back while it is built


class HeldWhileBuilding(App[int]):
    def __init__(self) -> None:
        super().__init__()
        self.output_held = 0  # pages being built: nothing is drawn meanwhile (send_when_built)
        self.messages_on_their_way = 0  # to the app: keys wait for them
        self._typed_ahead: deque[events.Key | events.Paste] = deque()  # keys and pastes waiting
        self._caught_up: events.Key | None = None  # a key whose field's changes have reached the app

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
                self._go_on_typing()

        self.run_worker(release)

    def show_dialog(self, dialog: Screen, answered: Callable[[object], None] | None = None) -> None:
        """A dialog over the page: keys typed while it opens wait for it, as for a page."""
        self.send_when_built(self.push_screen(dialog, answered))

    @on(messages.ShowDialog)
    def _show_dialog(self, request: messages.ShowDialog) -> None:
        self.show_dialog(request.dialog, request.answered)

    @on(messages.PageChanging)
    def _page_changing(self, request: messages.PageChanging) -> None:
        if request.page is self.screen:  # the author may have left it meanwhile
            self.send_when_built(request.change())

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            for typed in keys.as_typed(event) if isinstance(event, events.Key) else [event]:
                if self.output_held or self.messages_on_their_way or self._typed_ahead:
                    self._typed_ahead.append(typed)
                else:
                    await self._hand_on(typed)
            return
        await super().on_event(event)

    def _go_on_typing(self) -> None:
        if not (self.output_held or self.messages_on_their_way):
            self.call_later(self._send_typed_ahead)

    async def _send_typed_ahead(self) -> None:
        while self._typed_ahead and not (self.output_held or self.messages_on_their_way):
            await self._hand_on(self._typed_ahead.popleft())

    async def _hand_on(self, typed: events.Key | events.Paste) -> None:
        """One key or paste; a key acted on at once only when what the keys before it changed has
        reached the app, and the keys after it once what it asked of the app has."""
        bound = self.active_bindings.get(typed.key) if isinstance(typed, events.Key) else None
        if bound is None or not bound.binding.priority:
            await super().on_event(typed)
            return
        # The widgets from the focused field up to its page: the way its changes and a request
        # come up to the app.
        chain: list[DOMNode] = [self.screen]
        if (focused := self.focused) is not None:
            chain = list(focused.ancestors_with_self)
            chain = chain[: chain.index(focused.screen) + 1]
        if typed is not self._caught_up:
            # Each widget twice: what it was sent, then what handling that made it post.
            self._caught_up = typed
            self._typed_ahead.appendleft(typed)
            self._wait_for_messages([node for node in chain for _ in range(2)])
            return
        self._caught_up = None
        await super().on_event(typed)
        self._wait_for_messages(chain)

    def _wait_for_messages(self, nodes: Sequence[DOMNode]) -> None:
        """Keys wait until each of `nodes`, one after another, and then the app have handled what
        they were sent: whatever was on its way up to the app has reached it."""
        self.messages_on_their_way += 1

        async def release() -> None:
            try:
                await self._handled([*nodes, self])
            finally:
                self.messages_on_their_way -= 1
                self._go_on_typing()

        self.run_worker(release)

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
