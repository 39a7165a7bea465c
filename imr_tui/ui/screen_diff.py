"""The cell-diff layer: what Textual writes goes in, only the cells that changed go out.

Over a slow link (9,600 baud is about 960 bytes a second) every byte a key costs is felt. Textual
redraws a changed line from its first cell, with a whole colour sequence and a reset for every
run of cells. This layer sits between Textual and the terminal, as curses does: it keeps the
screen last sent, cell by cell with its pen (colours and attributes), and where the terminal's
cursor and pen already are; it reads what Textual writes into a second screen, the one Textual
wants, and sends only the cells that differ, with the shortest cursor moves and pen changes, so
that the terminal's own cursor advances as it prints. A key typed at the end of an answer costs
a few bytes; a character inserted into a wrapped paragraph shifts each line on the terminal
(insert and delete character, where the terminal has them) instead of sending it again.

Sequences it does not model (modes, titles, bracketed paste, mouse reporting, queries) pass
through untouched and in order. Any that changes the screen in a way not modelled here (the
alternate screen, a clear, a scroll) makes it forget what the terminal shows, so what Textual
writes next is sent whole: the layer may send more, never less, than the screen needs. Textual's
synchronized-output bracket is kept around an update long enough to be seen drawn, and dropped
around a few bytes, which no one sees being drawn.

Pure: nothing from Textual; screen_diff_seam.py puts it in Textual's path.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rich.cells import cell_len, get_character_cell_size

from imr_tui.ui.screen_diff_pens import DEFAULT, Pen, after, change

SYNC_START, SYNC_END = "\x1b[?2026h", "\x1b[?2026l"
SYNC_WORTHWHILE = 128  # bytes: a shorter update is sent without Textual's bracket (16 bytes)
GREEDY_RUNS = 12  # up to this many runs of changed cells are sent nearest first, else in order
SHIFT_AFTER = 8  # cells changed in a line before an insert or delete of characters is tried
LONGEST_SHIFT = 16  # the most characters inserted or deleted in one line at once

_TOKEN = re.compile(
    r"(\x1b\[[0-?]*[ -/]*[@-~])"  # CSI: cursor moves, pens, modes, queries
    r"|(\x1b[\]P^_X][^\x07\x1b]*(?:\x07|\x1b\\)?)"  # OSC, DCS, PM, APC strings: titles, links...
    r"|(\x1b[ -/]*[0-~]|\x1b)"  # other escapes: character sets, saving the cursor
    r"|([\x00-\x1a\x1c-\x1f\x7f])"  # control characters
    r"|([^\x00-\x1f\x7f]+)",  # text
)
_PARTIAL = re.compile(r"\x1b(?:\[[0-?]*[ -/]*|[\]P^_X][^\x07\x1b]*\x1b?|[ -/]*)\Z")
_MOVES = "HfABCDEFGd`"
_QUERIES = "cnqtx"  # CSI finals that change nothing on the screen: reports, the window, LEDs
_ALTERNATE_SCREEN = {"47", "1047", "1049"}
_INTERMEDIATES = frozenset(" !\"#$%&'()*+,-./")

Cell = tuple[str, Pen]  # a character (with any combining marks) and its pen; "" continues a wide one


class Run(NamedTuple):
    """Cells x0 to x1 (excluded) of line y, all in one pen, to be sent together."""

    y: int
    x0: int
    x1: int
    pen: Pen


def _wide_partner(row: list[Cell | None], x: int) -> int | None:
    """The other half of a wide character at x, if there is one."""
    if (cell := row[x]) is not None and cell[0] == "":
        return x - 1
    if x + 1 < len(row) and (after_x := row[x + 1]) is not None and after_x[0] == "":
        return x + 1
    return None


def _whole(row: list[Cell | None], *columns: int) -> bool:
    """No wide character is cut at any of these columns (an insert or delete there keeps it whole)."""
    return all(x >= len(row) or (cell := row[x]) is None or cell[0] != "" for x in columns)


class ScreenDiff:
    """The terminal's screen as last sent, and the screen Textual wants: feed() what Textual
    writes, and send what it returns."""

    def __init__(self, width: int, height: int, *, insert_delete: bool = False) -> None:
        self.insert_delete = insert_delete  # the terminal has ICH and DCH (not a VT100)
        self._pen = DEFAULT  # the pen Textual writes with
        self._x: int | None = None  # where Textual writes next (None: not known)
        self._y: int | None = None
        self._autowrap = True
        self._sync: str | None = None  # Textual's bracket: "held" (not sent yet) or "open"
        self._carry = ""  # an escape sequence cut at the end of a write
        self._out: list[str] = []
        self.resize(width, height)

    def resize(self, width: int, height: int) -> None:
        """The window changed size: the terminal's cells are not known any more, so the next
        screen Textual writes is sent whole, once."""
        self.width, self.height = width, height
        self._forget()

    def _forget(self) -> None:
        width, height = self.width, self.height
        self._shown: list[list[Cell | None]] = [[None] * width for _ in range(height)]
        self._wanted: list[list[Cell | None]] = [[None] * width for _ in range(height)]
        self._dirty: set[int] = set()
        self._cursor: tuple[int, int] | None = None  # the terminal's cursor
        self._sent_pen: Pen | None = None  # the terminal's pen
        self._x = self._y = None

    # What Textual writes -----------------------------------------------------------------------

    def feed(self, data: str) -> str:
        """Take what Textual writes; return what the terminal needs for the same screen."""
        data, self._carry = self._carry + data, ""
        if (cut := data.rfind("\x1b")) >= 0 and _PARTIAL.match(data, cut):
            data, self._carry = data[:cut], data[cut:]
        for match in _TOKEN.finditer(data):
            csi, string, escape, control, text = match.groups()
            if text is not None:
                self._print(text)
            elif csi is not None:
                self._csi(csi)
            elif control is not None:
                self._control(control)
            elif escape in ("\x1b7", "\x1b8", "\x1bc"):  # the cursor saved or restored, a reset
                self._lose(escape)
            else:
                self._pass(string or escape)
        if self._sync is None:
            self._flush()
        sent = "".join(self._out)
        self._out.clear()
        return sent

    def _print(self, text: str) -> None:
        x, y, width = self._x, self._y, self.width
        # Textual places its text first, and never lets it wrap (autowrap is off): anything else
        # is sent as it came.
        if x is None or y is None or (self._autowrap and x + cell_len(text) > width):
            self._lose(text)
            return
        row, pen = self._wanted[y], self._pen
        for char in text:
            size = 1 if " " <= char < "\x7f" else get_character_cell_size(char)
            if size == 0:  # a combining mark joins the character before it
                left = min(x, width) - 1
                if left > 0 and (cell := row[left]) is not None and cell[0] == "":
                    left -= 1
                if left >= 0 and (cell := row[left]) is not None:
                    row[left] = (cell[0] + char, cell[1])
                continue
            if x + size > width:
                x = width - size  # with autowrap off, the last column is written over
            if (partner := _wide_partner(row, x)) is not None and partner < x:
                row[partner] = (" ", row[partner][1])  # half a wide character is blanked
            if (partner := _wide_partner(row, x + size - 1)) is not None and partner >= x + size:
                row[partner] = (" ", row[partner][1])
            row[x] = (char, pen)
            if size == 2:
                row[x + 1] = ("", pen)
            x += size
        self._dirty.add(y)
        self._x = x

    def _csi(self, sequence: str) -> None:
        body, final = sequence[2:-1], sequence[-1]
        marker = body[:1] if body[:1] in ("<", "=", ">", "?") else ""
        if not _INTERMEDIATES.isdisjoint(body):  # $p, " q": a query, the cursor's style
            self._pass(sequence)
        elif marker == "?" and final in "hl":
            self._mode(body[1:].split(";"), final == "h", sequence)
        elif marker:
            self._pass(sequence)
        elif final == "m":
            self._pen = after(self._pen, body)
        elif final in _MOVES:
            self._move_input(final, [int(n) if n.isdigit() else 0 for n in body.split(";")])
        elif final in _QUERIES:
            self._pass(sequence)
        else:  # a clear, a scroll, insert mode...: changes cells in ways not modelled here
            self._lose(sequence)

    def _mode(self, modes: list[str], on: bool, sequence: str) -> None:
        if modes == ["2026"]:  # synchronized output: held until its end, then judged
            if on and self._sync is None:
                self._flush()
                self._sync = "held"
            elif not on:
                self._end_sync()
            return
        self._pass(sequence)
        if "7" in modes:
            self._autowrap = on
        if _ALTERNATE_SCREEN.intersection(modes) or "6" in modes:  # another screen; origin mode
            self._forget()

    def _end_sync(self) -> None:
        held, self._sync = self._sync, None
        start = len(self._out)
        self._flush()
        if held == "open":
            self._out.append(SYNC_END)
        elif held == "held" and sum(map(len, self._out[start:])) >= SYNC_WORTHWHILE:
            self._out.insert(start, SYNC_START)
            self._out.append(SYNC_END)

    def _move_input(self, final: str, numbers: list[int]) -> None:
        first = numbers[0] or 1
        x, y = self._x, self._y
        if final in "Hf":
            y, x = first - 1, (numbers[1] if len(numbers) > 1 else 0) or 1
            x -= 1
        elif final in "G`":
            x = first - 1
        elif final == "d":
            y = first - 1
        elif y is not None and final in "AF":
            y, x = y - first, 0 if final == "F" else x
        elif y is not None and final in "BE":
            y, x = y + first, 0 if final == "E" else x
        elif x is not None and final in "CD":
            x += first if final == "C" else -first
        self._x = None if x is None else max(0, min(x, self.width - 1))
        self._y = None if y is None else max(0, min(y, self.height - 1))

    def _control(self, char: str) -> None:
        x = self._x
        if char == "\r":
            self._x = 0
        elif char == "\n":
            if self._y is None or self._y == self.height - 1:  # it would scroll
                self._lose(char)
            else:
                self._y, self._x = self._y + 1, None  # whether the line also returns is the tty's
        elif char == "\b" and x is not None:
            self._x = max(x - 1, 0)
        elif char == "\t" and x is not None:
            self._x = min((x // 8 + 1) * 8, self.width - 1)
        else:
            self._pass(char)

    def _pass(self, sequence: str, draws: bool = False) -> None:
        """A sequence the layer does not model: sent as it came, after what came before it, with
        the cursor where Textual left it and, if it `draws` (text, a clear), Textual's pen."""
        self._flush()
        if draws:
            sequence = change(self._sent_pen, self._pen) + sequence
            self._sent_pen = self._pen
        self._send(sequence)

    def _lose(self, raw: str) -> None:
        """Send `raw` as it came and forget the screen: what it does is not modelled here."""
        self._pass(raw, draws=True)
        self._forget()

    def _send(self, text: str) -> None:
        if text:
            if self._sync == "held":  # something must go out inside the bracket: open it
                self._out.append(SYNC_START)
                self._sync = "open"
            self._out.append(text)

    # What the terminal is sent ---------------------------------------------------------------

    def _flush(self) -> None:
        """Send the cells Textual changed since the last flush, then place the cursor."""
        if self._dirty:
            runs: list[Run] = []
            for y in sorted(self._dirty):
                if self._wanted[y] != self._shown[y]:
                    if self.insert_delete:
                        self._shift(y)
                    runs.extend(self._runs(y))
            self._dirty.clear()
            self._paint(runs)
        if self._x is not None and self._y is not None:
            at = (min(self._x, self.width - 1), self._y)
            if at != self._cursor:
                self._send(self._move(*at))
                self._cursor = at

    def _runs(self, y: int) -> list[Run]:
        """The runs of cells to send on line y: each changed cell, with both halves of any wide
        character it makes or breaks, split where the pen changes."""
        want, shown = self._wanted[y], self._shown[y]
        todo = [x for x, (old, new) in enumerate(zip(shown, want)) if new is not None and new != old]
        paint = set(todo)
        while todo:
            x = todo.pop()
            for row in (want, shown):
                partner = _wide_partner(row, x)
                if partner is not None and partner not in paint and want[partner] is not None:
                    paint.add(partner)
                    todo.append(partner)
        runs: list[Run] = []
        for x in sorted(paint):
            pen = want[x][1]
            if runs and runs[-1].x1 == x and runs[-1].pen == pen:
                runs[-1] = Run(y, runs[-1].x0, x + 1, pen)
            else:
                runs.append(Run(y, x, x + 1, pen))
        return runs

    def _paint(self, runs: list[Run]) -> None:
        """Send the runs: a few, nearest first (the cursor and pen left by one make the next
        cheap); many, in screen order."""
        if len(runs) > GREEDY_RUNS:
            for run in runs:
                self._paint_run(run)
            return
        while runs:
            run = min(runs, key=lambda r: len(self._move(r.x0, r.y)) + len(change(self._sent_pen, r.pen)))
            runs.remove(run)
            self._paint_run(run)

    def _paint_run(self, run: Run) -> None:
        y, x0, x1, pen = run
        cells = self._wanted[y][x0:x1]
        self._send(self._move(x0, y) + change(self._sent_pen, pen) + "".join(cell[0] for cell in cells))
        self._shown[y][x0:x1] = cells
        self._sent_pen = pen
        self._cursor = (x1, y) if x1 < self.width else None  # past the last column: not known

    def _move(self, x: int, y: int) -> str:
        """The shortest way to put the terminal's cursor at (x, y)."""
        at = self._cursor
        if at == (x, y):
            return ""
        jump = f"\x1b[{y + 1};{x + 1}H" if x else (f"\x1b[{y + 1}H" if y else "\x1b[H")
        if at is None:
            return jump
        cx, cy = at
        vertical = "" if cy == y else _step(y - cy, "A", "B")
        return min(jump, vertical + self._across(cx, x, y), key=len)

    def _across(self, cx: int, x: int, y: int) -> str:
        """Along line y from column cx to x: a step, backspaces, a carriage return, or the cells
        between printed again when they are plain characters in the pen already set."""
        if x == cx:
            return ""
        if x < cx:
            back = "\b" * (cx - x) if cx - x <= 4 else _step(x - cx, "D", "C")
            return min(back, "\r" + self._across(0, x, y), key=len)
        forward = _step(x - cx, "D", "C")
        gap = self._shown[y][cx:x]
        if len(gap) < len(forward) and all(
            cell is not None and cell[1] == self._sent_pen and " " <= cell[0] <= "~" for cell in gap
        ):
            return "".join(cell[0] for cell in gap)
        return forward

    def _shift(self, y: int) -> None:
        """Where a line's cells moved sideways (a character typed or deleted early in a line, a
        word wrapped onto it), move them on the terminal with insert and delete character, when
        that and the cells still to send cost less than sending the cells."""
        want, shown, width = self._wanted[y], self._shown[y], self.width
        if None in want or None in shown:
            return
        changed = [x for x in range(width) if want[x] != shown[x]]
        if len(changed) < SHIFT_AFTER:
            return
        p, q = changed[0], changed[-1]
        best_cost, best = self._estimate(shown, want), None
        for k in range(1, min(LONGEST_SHIFT, q - p) + 1):
            d = q - k + 1  # the cells pushed out of the moved stretch (inserting), or let in
            insert, delete = _csi(k, "@"), _csi(k, "P")
            plans = []
            if want[p + k] == shown[p] and _whole(shown, p, d, d + k):  # k cells inserted at p
                row = shown[:p] + [None] * k + shown[p:d] + shown[d + k :]
                plans.append((row, [] if q == width - 1 else [(d, delete)], (p, insert)))
            if want[p] == shown[p + k] and _whole(shown, p, p + k, q + 1):  # k cells deleted at p
                row = shown[:p] + shown[p + k : q + 1] + [None] * k + shown[q + 1 :]
                plans.append((row, [(p, delete)], None if q == width - 1 else (d, insert)))
            for row, first, then in plans:
                ops = [*first, *([then] if then else [])]
                cost = len(self._move(ops[0][0], y)) + 6 * (len(ops) - 1) + sum(len(op) for _, op in ops)
                cost += self._estimate(row, want)
                if cost < best_cost:
                    best_cost, best = cost, (row, ops)
        if best is not None:
            row, ops = best
            for x, op in ops:
                self._send(self._move(x, y) + op)
                self._cursor = (x, y)
            self._shown[y] = row

    def _estimate(self, shown: list[Cell | None], want: list[Cell | None]) -> int:
        """About how many bytes sending the cells of `want` that differ from `shown` costs."""
        cost, pen, last = 0, self._sent_pen, -2
        for x, (old, new) in enumerate(zip(shown, want)):
            if new is None or new == old:
                continue
            if x != last + 1:
                cost += 4
            if new[1] != pen:
                cost += len(change(pen, new[1]))
                pen = new[1]
            cost += len(new[0])
            last = x
        return cost


def _step(n: int, back: str, forward: str) -> str:
    """A relative cursor move of n (negative: up or left, by `back`; else by `forward`)."""
    return _csi(abs(n), back if n < 0 else forward)


def _csi(n: int, final: str) -> str:
    """A sequence taking a count, which 1 is the default of."""
    return f"\x1b[{final}" if n == 1 else f"\x1b[{n}{final}"
