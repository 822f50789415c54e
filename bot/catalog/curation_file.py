"""Reading catalog.yaml: each line one curation action, each bad line named and skipped.

The format (see ``bot.catalog.curation``) has four sections; every action sits on one line,
so a line the reader cannot use is reported with its number and the rest still applies. A
line that is not YAML at all is blanked and the file read again (up to ``_MAX_REPAIRS``
times), so one typo does not cost the whole file. Values are read from YAML's node tree, as
the text written: ``2019`` or ``yes`` stay titles, never numbers or booleans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

MAX_BYTES = 1_000_000
MAX_TITLE = 300
_MAX_REPAIRS = 50
SECTIONS = ("rename", "merge", "hide", "aliases")


@dataclass(frozen=True, slots=True)
class Rename:
    """Give ``entry`` the title ``title``."""

    line: int
    entry: str
    title: str


@dataclass(frozen=True, slots=True)
class Merge:
    """Fold every other entry of ``entries`` into the first."""

    line: int
    entries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hide:
    """Leave ``entry`` out of the catalog."""

    line: int
    entry: str


@dataclass(frozen=True, slots=True)
class AddAliases:
    """Know ``entry`` by ``aliases`` too."""

    line: int
    entry: str
    aliases: tuple[str, ...]


Action = Rename | Merge | Hide | AddAliases


@dataclass(frozen=True, slots=True)
class CurationProblem:
    """A line of catalog.yaml that could not be used or applied (line 0: the whole file)."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line else self.reason


@dataclass(slots=True)
class Curation:
    """The actions of a catalog.yaml, in file order, and the lines that were not usable."""

    actions: list[Action] = field(default_factory=list)
    problems: list[CurationProblem] = field(default_factory=list)


def read_curation(path: Path) -> Curation:
    """The curation in ``path``; an absent file is an empty curation."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return Curation(problems=[CurationProblem(0, f"over {MAX_BYTES:,} bytes; not read")])
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return Curation()
    except OSError as exc:
        return Curation(problems=[CurationProblem(0, f"cannot be read: {exc.strerror}")])
    except UnicodeDecodeError:
        return Curation(problems=[CurationProblem(0, "not UTF-8 text; not read")])
    return parse_curation(text)


def parse_curation(text: str) -> Curation:
    """The curation in ``text`` (catalog.yaml's content)."""
    curation = Curation()
    lines = text.splitlines()
    for _ in range(_MAX_REPAIRS):
        try:
            root = yaml.compose("\n".join(lines), Loader=yaml.SafeLoader)
            break
        except yaml.MarkedYAMLError as exc:
            number = _bad_line(exc, lines)
            if number is None:
                curation.problems.append(CurationProblem(0, f"not valid YAML ({exc.problem})"))
                return curation
            curation.problems.append(
                CurationProblem(number, f"not valid YAML ({exc.problem}); line skipped")
            )
            lines[number - 1] = ""
    else:
        curation.problems.append(CurationProblem(0, "too many lines that are not YAML; not used"))
        return curation
    _Walker(curation).document(root)
    return curation


def _bad_line(exc: yaml.MarkedYAMLError, lines: list[str]) -> int | None:
    """The 1-based line to blank for ``exc``. The scanner's context is where the bad token
    began (an unclosed quote is found wanting only at the end of the file); the parser's is
    the enclosing block, whose offending line is the problem's."""
    marks = [exc.problem_mark, exc.context_mark]
    if isinstance(exc, yaml.scanner.ScannerError):
        marks.reverse()
    for mark in marks:
        if mark is not None and mark.line < len(lines) and lines[mark.line].strip():
            return mark.line + 1
    return None


class _Walker:
    """Turns YAML nodes into actions, naming each node it cannot use by its line."""

    def __init__(self, curation: Curation) -> None:
        self.curation = curation
        self.seen: set[int] = set()  # YAML aliases share nodes: visit each node once

    def problem(self, node: yaml.Node, reason: str) -> None:
        self.curation.problems.append(CurationProblem(node.start_mark.line + 1, reason))

    def document(self, root: yaml.Node | None) -> None:
        if root is None or (isinstance(root, yaml.ScalarNode) and not root.value.strip()):
            return  # an empty file
        if not isinstance(root, yaml.MappingNode):
            self.problem(root, f"expected the sections {', '.join(SECTIONS)}; nothing applied")
            return
        for key, value in root.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            if name not in SECTIONS:
                self.problem(key, f"unknown section {name!r}; expected {', '.join(SECTIONS)}")
            elif self._first_visit(value):
                getattr(self, f"_{name}")(value)

    def _first_visit(self, node: yaml.Node) -> bool:
        if id(node) in self.seen:
            self.problem(node, "a YAML alias (*name) repeats a part of the file; not used")
            return False
        self.seen.add(id(node))
        return True

    def _pairs(self, section: yaml.Node, name: str) -> list[tuple[yaml.Node, yaml.Node]]:
        if isinstance(section, yaml.ScalarNode) and not section.value.strip():
            return []
        if not isinstance(section, yaml.MappingNode):
            self.problem(section, f"{name}: expected lines of the form 'entry: value'")
            return []
        return list(section.value)

    def _items(self, section: yaml.Node, name: str) -> list[yaml.Node]:
        if isinstance(section, yaml.ScalarNode) and not section.value.strip():
            return []
        if not isinstance(section, yaml.SequenceNode):
            self.problem(section, f"{name}: expected lines of the form '- entry'")
            return []
        return list(section.value)

    def _rename(self, section: yaml.Node) -> None:
        for key, value in self._pairs(section, "rename"):
            entry, title = (
                self.text(key, "rename: the entry"),
                self.text(value, "rename: the title"),
            )
            if entry and title:
                self.curation.actions.append(Rename(key.start_mark.line + 1, entry, title))

    def _merge(self, section: yaml.Node) -> None:
        for item in self._items(section, "merge"):
            names = self.texts(item, "merge")
            if names is not None and len(set(names)) < 2:
                self.problem(item, "merge: name at least two entries, the one that stays first")
            elif names is not None:
                self.curation.actions.append(Merge(item.start_mark.line + 1, tuple(names)))

    def _hide(self, section: yaml.Node) -> None:
        for item in self._items(section, "hide"):
            if entry := self.text(item, "hide"):
                self.curation.actions.append(Hide(item.start_mark.line + 1, entry))

    def _aliases(self, section: yaml.Node) -> None:
        for key, value in self._pairs(section, "aliases"):
            entry = self.text(key, "aliases: the entry")
            names = self.texts(value, "aliases")
            if entry and names:
                self.curation.actions.append(
                    AddAliases(key.start_mark.line + 1, entry, tuple(names))
                )

    def text(self, node: yaml.Node, what: str) -> str | None:
        """One title or id, or None (and the problem named)."""
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{what}: expected one name or title, found a list or mapping")
            return None
        value = " ".join(node.value.split())
        if not value:
            self.problem(node, f"{what}: empty")
            return None
        if len(value) > MAX_TITLE:
            self.problem(node, f"{what}: longer than {MAX_TITLE} characters")
            return None
        return value

    def texts(self, node: yaml.Node, what: str) -> list[str] | None:
        """A list of names ('[a, b]' or one per line), or None (and the problem named)."""
        if isinstance(node, yaml.ScalarNode):
            one = self.text(node, what)
            return [one] if one else None
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what}: expected a list such as [first, second]")
            return None
        if not self._first_visit(node):
            return None
        names = [self.text(item, what) for item in node.value]
        return None if None in names else [name for name in names if name]
