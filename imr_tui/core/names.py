"""Names as the people register knows them: a name's words, each folded to a key that every way
of writing it shares (Bradshaw, BRADSHAW, Brádshaw; O'Neill, O’Neill, ONeill), and the keys of a
registered person's names and parts of names, with the label each stands for.

imr_tui.core.anonymise replaces them and searches for them; imr_tui.core.people checks the
register and finds names in an entry that it does not hold yet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

# A word of a name: letters, perhaps joined by apostrophes (O'Neill, D'Arcy). Hyphens, spaces and
# line breaks separate words, so Mary-Jane is the words Mary and Jane.
WORD = re.compile(r"[^\W\d_]+(?:['’‘][^\W\d_]+)*")
APOSTROPHES = "'’‘"
_ASCII_WORD = re.compile(r"[a-z]+")  # a word of ASCII text, once lowered and its apostrophes gone
# Titles written before a name, which are part of it: Mrs Bradshaw is Mother, not "Mrs Mother".
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "master"})


@lru_cache(maxsize=1 << 16)  # a chronology uses a few thousand words, millions of times
def key(word: str) -> str:
    """The form every way of writing a word shares: accents, case and apostrophes set aside."""
    if word.isascii():
        return word.replace("'", "").lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in APOSTROPHES).casefold()


def keys_in(text: str) -> set[str]:
    """Every word of `text` as a key: in one pass over the whole text when it is ASCII, as most is."""
    if text.isascii():
        return set(_ASCII_WORD.findall(text.replace("'", "").lower()))
    return {key(word) for word in WORD.findall(text)}


def words(name: str) -> tuple[str, ...]:
    """A name's words as keys, without a title before it: 'Mrs Mary-Jane O'Neill' -> mary, jane, oneill."""
    found = tuple(key(m[0]) for m in WORD.finditer(name))
    while found and found[0] in TITLES:
        found = found[1:]
    return found


def part_of_a_name(word_key: str) -> bool:
    """Whether a word of a name stands for the person on its own: not an initial, not a title."""
    return len(word_key) > 1 and word_key not in TITLES


@dataclass(frozen=True)
class Named:
    """A person as the register has them: their label, and the words of each of their spellings."""

    label: str
    spellings: tuple[tuple[str, ...], ...]
    where: str = ""  # the place of their entry in a register, for messages

    def parts(self) -> Iterator[tuple[str, ...]]:
        """Every run of words within a spelling that names them: Amy Smith-Jones -> Amy Smith
        Jones, Amy Smith, Smith Jones, Amy, Smith, Jones; a lone initial or title is no name."""
        for spelling in self.spellings:
            for start in range(len(spelling)):
                for end in range(start + 1, len(spelling) + 1):
                    run = spelling[start:end]
                    if len(run) > 1 or part_of_a_name(run[0]):
                        yield run


def person(label: str, names: Iterable[str], where: str = "") -> Named:
    spellings = tuple(dict.fromkeys(w for w in (words(n) for n in names) if w))
    return Named(label.strip(), spellings, where)


@dataclass(frozen=True)
class Names:
    """What each registered name and part of one stands for: `labels[run]` is the label of the
    one person it names, or the labels of all who share it (a family's surname)."""

    labels: dict[tuple[str, ...], tuple[str, ...]]
    firsts: dict[str, tuple[int, ...]]  # a run's first word -> the lengths of runs starting with it, longest first
    not_names: frozenset[str]  # single words the author says are not names in this review
    # Single words that are a name on their own, and those and the first words of longer names,
    # each also with a final s (Bradshaws, Bradshaw's): a text holding none of them holds no name.
    alone: frozenset[str] = field(init=False)
    starts: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        alone = frozenset(run[0] for run in self.labels if len(run) == 1) - self.not_names
        starts = alone | frozenset(self.firsts)
        object.__setattr__(self, "alone", alone | {word + "s" for word in alone})
        object.__setattr__(self, "starts", starts | {word + "s" for word in starts})

    def label(self, run: tuple[str, ...]) -> str | None:
        """The label a run of words is replaced by; None if it is no registered name."""
        labels = self.labels.get(run)
        if labels is None or (len(run) == 1 and run[0] in self.not_names):
            return None
        return labels[0] if len(labels) == 1 else "[" + " or ".join(labels) + "]"

    def shared(self, run: tuple[str, ...]) -> bool:
        return len(self.labels.get(run, ())) > 1


def register_names(people: Iterable[Named], not_names: Iterable[str] = ()) -> Names:
    """Each run of words to its label: a person's whole spellings before parts of others', so
    that a family member registered by surname alone (Bradshaw: the family) keeps that label."""
    whole: dict[tuple[str, ...], list[str]] = {}
    parts: dict[tuple[str, ...], list[str]] = {}
    for each in people:
        if not each.label:
            continue
        for spelling in each.spellings:
            if len(spelling) > 1 or part_of_a_name(spelling[0]):
                _add(whole, spelling, each.label)
        for run in each.parts():
            _add(parts, run, each.label)
    labels = {run: tuple(found) for run, found in parts.items()}
    labels.update((run, tuple(found)) for run, found in whole.items())
    firsts: dict[str, set[int]] = {}
    for run in labels:
        firsts.setdefault(run[0], set()).add(len(run))
    return Names(
        labels,
        {first: tuple(sorted(lengths, reverse=True)) for first, lengths in firsts.items()},
        frozenset(w for text in not_names for w in words(text)),
    )


def _add(runs: dict[tuple[str, ...], list[str]], run: tuple[str, ...], label: str) -> None:
    found = runs.setdefault(run, [])
    if label.casefold() not in (each.casefold() for each in found):
        found.append(label)
