"""Nothing that reads report text is super-linear: every reader and cleaner is fed runs of each
markup character and a long word, and doubling the input must at most about double the time.

Times are compared within one run, as a ratio (the machine's speed cancels out), and a small
absolute slack absorbs timer noise on inputs that take a few milliseconds either way.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

import pytest

from bot.calendar import load_calendar
from bot.catalog.attribution import TitleMatcher
from bot.catalog.find import find_candidates
from bot.catalog.notworks import non_work
from bot.catalog.quotes import quote_window
from bot.catalog.words import clean_title, split_owner
from bot.corpus.bylines import parse_byline, stated_authors
from bot.corpus.cleaning import is_boilerplate, is_caption, remove_emails
from bot.corpus.metadata import city_from_text, dates_from_text, find_conference, find_date
from bot.corpus.prose import prose_blocks, text_blocks
from bot.corpus.report import report_from_document
from bot.corpus.scoring import highlight_score
from bot.corpus.segment import segment
from bot.documents import Block, Document, Meta, UnreadableReport, read_document
from bot.documents.bound import bound_text
from bot.documents.builder import DocumentBuilder
from bot.documents.citations import label_from_entry
from bot.documents.cost import refuse_costly
from bot.documents.email_reader import author_prose
from bot.documents.front_matter import split_mmd_header
from bot.documents.jsx import component_blocks
from bot.documents.links import clean_url
from bot.documents.metadata import parse_date, person_names
from bot.documents.sniff import sniff_text
from bot.documents.text_reader import looks_like_heading
from bot.models import Paper, Part, Snippet

MARKUP_CHARACTERS = [*"[]()*_`<>#-|\\!{}:~=+\"'&$^@/%;.,?", "\n", " "]
SIZE = 100_000  # doubled to 200 KB
RATIO = 3.0  # linear doubles; quadratic would quadruple
SLACK = 0.05  # seconds

# Each form's reader, reached the way a file reaches it: the run inside that form's syntax.
FORMS: dict[str, Callable[[str], str]] = {
    "markdown": lambda run: f"# Notes\n\n[link](https://x.org) **bold**\n\n{run}\n",
    "mdx": lambda run: f"import X from 'y';\n\n<Card title=\"T\" />\n\n# H\n\n{run}\n",
    "text": lambda run: f"ICML 2019 notes\n\n{run}\n",
    "html": lambda run: f"<!doctype html><html><body><article><p>{run}</p></article></body></html>",
    "email": lambda run: f"From: A B <a@b.org>\nSubject: notes\nDate: Mon, 1 Jul 2019\n\n{run}\n",
    "org": lambda run: (
        f"#+TITLE: Notes\n#+AUTHOR: A B\n* Heading\n[[https://x.org][a link]]\n{run}\n"
    ),
    "rst": lambda run: f"Title\n=====\n\n.. note:: x\n\n`a <https://x.org>`_\n\n{run}\n",
    "latex": lambda run: (
        f"\\documentclass{{article}}\\begin{{document}}\\section{{A}}\n{run}\n\\end{{document}}"
    ),
}


def _read(source: str) -> None:
    with contextlib.suppress(UnreadableReport):  # skipped with a reason is an answer too
        read_document(source.encode("utf-8"))


def _block(text: str) -> Block:
    return Block("para", text)


def _builder(text: str) -> None:
    out = DocumentBuilder("text")
    out.add("para", text)
    out.finish(Meta())


def _report(text: str) -> None:
    document = Document("text", Meta(), [Block("heading", "A", 1), _block(text)])
    with contextlib.suppress(UnreadableReport):
        report_from_document(document, "r", "r", load_calendar())


def _snippet(text: str) -> Snippet:
    return Snippet(id="r#1", report="r", section=("A heading",), text=text)


def _block_snippet(text: str) -> Snippet:
    """A snippet of one paragraph, as the catalog's finders read them."""
    snippet = _snippet(text)
    snippet.parts = [Part("para", 0, len(text))]
    return snippet


def _matcher(text: str) -> object:
    papers = [Paper(id="p", title="Lottery Ticket Hypothesis", aliases=["Frankle and Carbin"])]
    return TitleMatcher(papers).find_at(text)


CLEANERS: dict[str, Callable[[str], object]] = {
    "find_candidates": lambda t: find_candidates(_block_snippet(t)),
    "quote_window": lambda t: quote_window(_block_snippet(t), 0, []),
    "title matcher": _matcher,
    "clean_title": clean_title,
    "split_owner": split_owner,
    "non_work": non_work,
    "refuse_costly": lambda t: refuse_costly(t, "text", 1e9),
    "bound_text": bound_text,
    "sniff_text": sniff_text,
    "document builder": _builder,
    "clean_url": lambda t: clean_url("https://x.org/?" + t),
    "person_names": person_names,
    "parse_date": parse_date,
    "label_from_entry": label_from_entry,
    "split_mmd_header": split_mmd_header,
    "looks_like_heading": looks_like_heading,
    "author_prose": author_prose,
    "component_blocks": component_blocks,
    "is_boilerplate": is_boilerplate,
    "is_caption": is_caption,
    "remove_emails": remove_emails,
    "parse_byline": parse_byline,
    "stated_authors": lambda t: stated_authors([_block(t)]),
    "find_conference": lambda t: find_conference([(t, 1.0)], load_calendar()),
    "dates_from_text": lambda t: dates_from_text(t, 2019),
    "city_from_text": city_from_text,
    "find_date": find_date,
    "prose_blocks": lambda t: prose_blocks(text_blocks([_block(t), _block(t)])),
    "segment": lambda t: segment("r", [_block(t)] * 4),
    "report_from_document": _report,
    "highlight_score": lambda t: highlight_score(_snippet(t)),
}


def inputs(size: int) -> dict[str, str]:
    runs = {repr(c): c * size for c in MARKUP_CHARACTERS}
    runs["word"] = "a" * size
    runs["words"] = "Ab " * (size // 3)
    return runs


def cost(function: Callable[[str], object], text: str, wall: bool, repeat: int = 1) -> float:
    clock = time.perf_counter if wall else time.process_time
    best = float("inf")
    for _ in range(repeat):
        started = clock()
        function(text)
        best = min(best, clock() - started)
    return best


def assert_linear(function: Callable[[str], object], wall: bool = False) -> None:
    small, large = inputs(SIZE), inputs(2 * SIZE)
    slow = []
    for name in small:
        single, double = cost(function, small[name], wall), cost(function, large[name], wall)
        if double > RATIO * single + SLACK:  # measure again before calling it slow: noise
            single = cost(function, small[name], wall, repeat=3)
            double = cost(function, large[name], wall, repeat=3)
            if double > RATIO * single + SLACK:
                slow.append(f"{name}: {single:.3f}s -> {double:.3f}s")
    assert not slow, slow


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_reader_is_linear(form: str) -> None:
    wrap = FORMS[form]
    # pandoc runs in a child process: wall time, which includes it.
    assert_linear(lambda run: _read(wrap(run)), wall=form in {"org", "rst", "latex"})


@pytest.mark.parametrize("name", sorted(CLEANERS))
def test_every_cleaner_is_linear(name: str) -> None:
    assert_linear(CLEANERS[name])


def test_runs_are_shortened_before_any_parser() -> None:
    text, notes = bound_text("x" + "[" * 200_000 + "y")
    assert len(text) < 1_000 and notes
    text, _ = bound_text("a" * 200_000)
    assert max(len(line) for line in text.split("\n")) <= 20_000
