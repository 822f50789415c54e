"""Blocks -> sections (heading paths) and highlight-sized snippets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.corpus.blocks import links_of, marked_of
from bot.documents import Block, Span
from bot.documents.text_reader import reads_like_a_title, title_case_ratio
from bot.models import Link, Part, Section, Snippet

# A passage shorter than this borrows the next paragraph of its section, so a snippet can
# stand on its own; one longer than _MAX_CHARS is not grown further.
_MIN_CHARS = 280
_MAX_CHARS = 1400
_HARD_MAX_CHARS = 3 * _MAX_CHARS
_TAIL_CHARS = 90
_LONG_ITEM = 300
_NAMED_ITEM = 150
_TALK = re.compile(r"^(?:invited\s+talk|keynote|plenary|tutorial)\b", re.IGNORECASE)
_TERMINAL = (".", "!", "?", ":", ";", "…")
_STRUCTURAL = re.compile(r"^(?:day|week|session|track|part|workshops?|tutorials?)\b", re.I)


@dataclass(slots=True)
class _Draft:
    section: tuple[str, ...]
    pieces: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    open_list: bool = False  # the last paragraph ended with ':' and leads a list
    items: int = 0
    size: int = 0  # characters so far, kept as blocks are added (a sum per call was quadratic)

    def add(self, block: Block) -> None:
        """Append a block; a bullet without closing punctuation is set off with a semicolon,
        so "Sanity Checks for Saliency Maps (Adebayo et al.)" and the next bullet's title do
        not run together."""
        separator = ""
        if self.pieces:
            separator = " " if self.pieces[-1].endswith(_TERMINAL) else "; "
        start = self.size + len(separator)
        self.pieces.append(separator + block.text)
        self.size = start + len(block.text)
        self.parts.append(
            Part(block.kind, start, self.size, block.level, block.key, tuple(block.cells))
        )
        self.spans.extend(
            Span(s.kind, s.start + start, s.end + start, s.target) for s in block.spans
        )
        self.items += _is_item(block)
        self.links.extend(links_of(block))
        # Emphasis marks titles ("**Weight Agnostic Neural Networks** by ..."), but also
        # bylines and stress: keep only phrases that read like titles.
        self.candidates.extend(m for m in marked_of(block) if _marked_title(m))
        self.open_list = block.text.endswith(":") or (_is_item(block) and self.open_list)


def _is_item(block: Block) -> bool:
    """List items, table rows and reference entries group like bullets."""
    return block.kind in {"item", "row", "reference"}


def _marked_title(phrase: str) -> bool:
    words = phrase.split()
    return (
        2 <= len(words) <= 20
        and title_case_ratio(phrase) >= 0.6
        and not any(c.isdigit() for c in phrase)
        and not phrase.lower().startswith(("by ", "posted", "updated", "note"))
    )


def segment(report_id: str, blocks: list[Block]) -> tuple[list[Section], list[Snippet]]:
    """Group blocks into snippets under their heading paths."""
    stack: list[tuple[int, str]] = []
    drafts: list[_Draft] = []
    current: _Draft | None = None
    for block in blocks:
        if block.kind == "heading":
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, block.text))
            current = None
            continue
        path = tuple(text for _, text in stack)
        if current is None or _starts_new(current, block):
            current = _Draft(section=path, candidates=_heading_candidates(stack))
            drafts.append(current)
        current.add(block)
    return _finish(report_id, drafts)


_QUOTED_AFTER = frozenset({"para", "item", "quote"})


def _starts_new(current: _Draft, block: Block) -> bool:
    if current.size + len(block.text) > _HARD_MAX_CHARS:
        return True  # however a list goes on, a passage stays readable
    if block.kind == "quote" and current.parts and current.parts[-1].kind in _QUOTED_AFTER:
        return False  # a quote (an embedded tweet, a cited line) illustrates what it follows
    if _is_item(block) and current.items and _stands_alone(block):
        return True  # a bullet that is a paragraph in itself ("**Title**: what it does")
    if _is_item(block) and (current.open_list or current.size < _MAX_CHARS):
        return False  # bullets stay with their lead line
    if len(block.text) < _TAIL_CHARS and current.size + len(block.text) <= _MAX_CHARS:
        return False  # a short trailing remark ("Code: https://...") belongs to what it follows
    return current.size >= _MIN_CHARS or current.size + len(block.text) > _MAX_CHARS


def _stands_alone(item: Block) -> bool:
    """A long bullet, or one that names its own work (emphasis or links), is its own passage."""
    size = len(item.text)
    return size >= _LONG_ITEM or (size >= _NAMED_ITEM and bool(marked_of(item) or item.links()))


def _heading_candidates(stack: list[tuple[int, str]]) -> list[str]:
    """The innermost heading when it names a paper or talk rather than a topic."""
    if not stack:
        return []
    text = stack[-1][1]
    parent_structural = len(stack) >= 2 and bool(_STRUCTURAL.match(stack[-2][1]))
    if _STRUCTURAL.match(text):
        return []
    if any(_TALK.match(heading) for _, heading in stack[:-1]) and not reads_like_a_title(text):
        return []  # a section of an invited talk ("Auxiliary Tasks and Labyrinth Mazes")
    if parent_structural or heading_is_title(text):
        return [text]
    # A title-cased heading below another ("## Papers" / "### Designing Network Design
    # Spaces") names one work; a lowercase one ("### Training details") does not.
    if len(stack) >= 2 and len(text.split()) >= 3 and title_case_ratio(text) >= 0.75:
        return [text]
    return []


def heading_is_title(text: str) -> bool:
    """A heading that reads like a paper title: long, with a colon, or a coined name."""
    words = text.split()
    if ":" in text and len(words) >= 3:
        head = text.split(":", 1)[0]
        return title_case_ratio(text) >= 0.5 or any(_coined(w) for w in head.split())
    if len(words) >= 7 and title_case_ratio(text) >= 0.5:
        return True
    return any(_coined(w) for w in words) and len(words) <= 8


def _coined(word: str) -> bool:
    """A coined name such as BigGAN, AdaBound, k-WTA, PixelCNN (mixed case inside a word)."""
    core = word.strip("()[],.:;“”\"'?!")
    if re.fullmatch(r"[A-Z]+s", core):
        return False  # plural acronyms (LSTMs, GANs) are topics
    inner = core[1:]
    return len(core) >= 4 and any(c.isupper() for c in inner) and any(c.islower() for c in core)


def _finish(report_id: str, drafts: list[_Draft]) -> tuple[list[Section], list[Snippet]]:
    sections: dict[tuple[str, ...], Section] = {}
    snippets: list[Snippet] = []
    for draft in drafts:
        text = "".join(draft.pieces)
        if not text:
            continue
        snippet = Snippet(
            id=f"{report_id}#{len(snippets) + 1}",
            report=report_id,
            section=draft.section,
            text=text,
            links=_unique_links(draft.links),
            position=len(snippets),
            candidates=list(dict.fromkeys(draft.candidates)),
            spans=draft.spans,
            parts=draft.parts,
        )
        snippets.append(snippet)
        sections.setdefault(draft.section, Section(path=draft.section)).snippet_ids.append(
            snippet.id
        )
    return list(sections.values()), snippets


def _unique_links(links: list[Link]) -> list[Link]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for link in links:
        key = (link.text, link.url)
        if key not in seen:
            seen.add(key)
            unique.append(link)
    return unique
