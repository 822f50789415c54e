"""The shapes every part of the bot shares: reports, snippets, papers and the corpus."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.documents.model import Span


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink kept from a report: its visible text, target and arXiv id when it has one."""

    text: str
    url: str
    arxiv: str | None = None


@dataclass(frozen=True, slots=True)
class Part:
    """One block a snippet is made of: its kind and where its text lies in the snippet's.

    ``kind`` is the document block kind (para, item, quote, row, reference, footnote);
    ``key`` a reference entry's or footnote's key; ``cells`` a table row's cell texts.
    """

    kind: str
    start: int
    end: int
    level: int = 0
    key: str = ""
    cells: tuple[str, ...] = ()


@dataclass(slots=True)
class Snippet:
    """A highlight-sized passage of one report, as plain text.

    ``score`` is the highlight score in [0, 1] (see ``bot.corpus.scoring``); ``papers`` holds
    the ids of the catalog entries the passage discusses, filled in by the catalog.
    """

    id: str
    report: str
    section: tuple[str, ...]
    text: str
    links: list[Link] = field(default_factory=list)
    score: float = 0.0
    papers: list[str] = field(default_factory=list)
    # The part of the score its own text decides (bot.corpus.scoring.text_score), cached.
    text_score: float = 0.0
    # Where in the report the passage stands (0-based), for stable ordering.
    position: int = 0
    # Title-like phrases the segmenter saw (bare heading titles, quoted titles, link texts),
    # handed to the catalog; not part of the public JSON.
    candidates: list[str] = field(default_factory=list)
    # The document model's inline spans (links, emphasis, quotes, citations) over ``text``,
    # and the blocks it was joined from: what the catalog finds works by.
    spans: list[Span] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    """A heading path and the snippets under it."""

    path: tuple[str, ...]
    snippet_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """One ingested trip report and what was learned about it."""

    id: str  # the file name, unique within a corpus
    file: str  # path as given
    form: str  # markdown | html | text
    encoding: str
    repairs: list[str] = field(default_factory=list)
    title: str = ""
    authors: list[str] = field(default_factory=list)
    conference: str | None = None  # canonical short name, e.g. "ICLR"
    year: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    city: str | None = None
    published: date | None = None
    url: str | None = None
    site: str | None = None  # the blog, organisation or list that published it
    sections: list[Section] = field(default_factory=list)
    snippets: list[Snippet] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """'ICLR 2019' or the title when the conference is unknown."""
        if self.conference and self.year:
            return f"{self.conference} {self.year}"
        return self.title or self.id


@dataclass(frozen=True, slots=True)
class Mention:
    """One report's discussion of a paper.

    ``quote`` is the passage that discusses the work (whole sentences, plain text, sized for
    a highlight), ``section`` the headings it sits under.
    """

    report: str
    conference: str | None
    year: int | None
    snippet_id: str
    quote: str = ""
    section: tuple[str, ...] = ()


@dataclass(slots=True)
class Paper:
    """A catalog entry: a paper, talk, library or dataset discussed in the reports."""

    id: str
    title: str
    aliases: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    arxiv: str | None = None
    url: str | None = None
    kind: str = "paper"  # paper | talk | tutorial | workshop | panel | dataset | library
    # Where the work itself was published ("ICLR", 2019) when a report or resolved metadata
    # says so; the conference a report discusses it at may differ.
    venue: str | None = None
    venue_year: int | None = None
    abstract: str | None = None  # from resolved metadata, when enabled
    # True when no report gives the work a name: its title is made up ("arXiv 1810.09536",
    # "Mostafa and Wang (arXiv ...)"), so it is a weaker headline than a named paper.
    untitled: bool = False
    mentions: list[Mention] = field(default_factory=list)

    @property
    def link(self) -> str | None:
        """The arXiv abstract page when known, else the link a report gave."""
        if self.arxiv:
            return f"https://arxiv.org/abs/{self.arxiv}"
        return self.url


@dataclass(frozen=True, slots=True)
class CatalogChange:
    """One thing the community's curation (catalog.yaml) or resolved metadata changed in the
    catalog the reports make: ``action`` is renamed, merged, hidden, aliased or resolved."""

    entry: str  # the entry's id
    action: str
    detail: str


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that could not be ingested (or was ingested with a caveat), and why."""

    file: str
    reason: str
    fatal: bool = True


@dataclass(slots=True)
class Corpus:
    """Everything ingested from one corpus directory."""

    reports: list[Report]
    papers: list[Paper]
    problems: list[Problem] = field(default_factory=list)
    changes: list[CatalogChange] = field(default_factory=list)
    _snippets: dict[str, Snippet] = field(default_factory=dict, repr=False)
    _papers: dict[str, Paper] = field(default_factory=dict, repr=False)
    _reports: dict[str, Report] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._reports = {r.id: r for r in self.reports}
        self._snippets = {s.id: s for r in self.reports for s in r.snippets}
        self._papers = {p.id: p for p in self.papers}

    @property
    def snippets(self) -> list[Snippet]:
        return list(self._snippets.values())

    def snippet(self, snippet_id: str) -> Snippet:
        return self._snippets[snippet_id]

    def paper(self, paper_id: str) -> Paper:
        return self._papers[paper_id]

    def report(self, report_id: str) -> Report:
        return self._reports[report_id]
