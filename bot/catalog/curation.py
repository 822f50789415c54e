"""Curation: a community's corrections to the catalog, from ``catalog.yaml`` beside the reports.

The file is optional. Each of its four sections is optional too; every action is one line::

    # catalog.yaml
    rename:                      # entry: its new title
      arxiv:1810.09536: "Ordered Neurons: Integrating Tree Structures into Recurrent Neural Networks"
      Suffer from the same problem as discriminative models: Do Deep Generative Models Know What They Don't Know?
    merge:                       # [the entry that stays, the entries folded into it...]
      - [Decoupled Weight Decay Regularization, AdamW or SGDW]
    hide:                        # entries that are not works
      - Batch Normalization
      - t:subutai-s-recap-of-icml
    aliases:                     # entry: [more names it is known by]
      arxiv:1803.03635: [LTH, lottery tickets]

An entry is named by its id (``flashback corpus papers`` shows it: ``arxiv:1803.03635``,
``t:...``) or by its current title or one of its aliases (case and punctuation do not
matter); ids are the safer choice, as a report's naming can change. Names refer to the
catalog the reports make, before any curation. A name that fits no entry, or several, is a
problem named with its line, as is a rename onto another entry's title; the rest applies.
A renamed entry keeps its id (what channels were shown stays recorded) and its old title as
an alias; a merged entry's id goes, its title becomes an alias of the entry that stays.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.catalog import normalise_title
from bot.catalog.curation_file import (
    AddAliases,
    Curation,
    CurationProblem,
    Hide,
    Merge,
    Rename,
    read_curation,
)
from bot.catalog.names import distinct_aliases
from bot.catalog.side_files import CURATION_FILE
from bot.models import CatalogChange, Mention, Paper

__all__ = ["CURATION_FILE", "Curated", "Curation", "apply_curation", "load_curation"]


def load_curation(path: Path) -> Curation:
    """The curation in ``path`` (catalog.yaml); an absent file changes nothing."""
    return read_curation(path)


@dataclass(slots=True)
class Curated:
    """The curated entries, what changed, and what could not be applied."""

    papers: list[Paper]
    changes: list[CatalogChange] = field(default_factory=list)
    problems: list[CurationProblem] = field(default_factory=list)
    renamed: set[str] = field(default_factory=set)  # ids whose title the community chose
    # A merged entry's id -> the id it went into; a hidden entry's id -> None.
    moved: dict[str, str | None] = field(default_factory=dict)


def apply_curation(papers: Sequence[Paper], curation: Curation) -> Curated:
    """Apply ``curation`` to ``papers`` (left unchanged) in file order; see the module doc."""
    state = _State(papers)
    state.result.problems.extend(curation.problems)
    for action in curation.actions:
        match action:
            case Rename():
                state.rename(action)
            case Merge():
                state.merge(action)
            case Hide():
                state.hide(action)
            case AddAliases():
                state.add_aliases(action)
    state.result.papers = [state.papers[i] for i in state.order if i in state.papers]
    state.result.problems.sort(key=lambda p: p.line)
    return state.result


class _State:
    """The catalog while curation is applied, and how names find entries."""

    def __init__(self, papers: Sequence[Paper]) -> None:
        self.papers = {p.id: p for p in papers}
        self.order = [p.id for p in papers]
        self.result = Curated(papers=[])
        self.by_title: dict[str, list[str]] = defaultdict(list)
        self.by_alias: dict[str, list[str]] = defaultdict(list)
        for paper in papers:
            self.by_title[normalise_title(paper.title)].append(paper.id)
            for alias in paper.aliases:
                self.by_alias[normalise_title(alias)].append(paper.id)
        self.lines: dict[str, int] = {}  # id -> the line that merged, hid or renamed it

    def find(self, name: str, line: int) -> Paper | None:
        """The live entry ``name`` names, or None with the problem recorded."""
        paper_id = self._id(name)
        reason = self._unavailable(name, paper_id)
        if reason is not None or paper_id is None:
            self._problem(line, reason or "")
            return None
        return self.papers[paper_id]

    def _unavailable(self, name: str, paper_id: str | None) -> str | None:
        """Why ``name`` (found as ``paper_id``) names no live entry, or None."""
        if paper_id is None:
            return f"no entry has the id, title or alias {name!r}"
        if paper_id.startswith("?"):
            return f"{name!r} names several entries ({paper_id[1:]}); use the id"
        if paper_id not in self.result.moved:
            return None
        into, where = self.result.moved[paper_id], f"line {self.lines[paper_id]}"
        if into is None:
            return f"{name!r} is hidden ({where})"
        return f"{name!r} was merged into {into} ({where}); name that entry"

    def _id(self, name: str) -> str | None:
        """The id ``name`` names (as an id, a title, or an alias), "?ids" when several."""
        if name in self.papers or name in self.result.moved:
            return name
        key = normalise_title(name)
        for index in (self.by_title, self.by_alias):
            ids = list(dict.fromkeys(index.get(key, ())))
            if len(ids) == 1:
                return ids[0]
            if ids:
                return "?" + ", ".join(ids)
        return None

    def _problem(self, line: int, reason: str) -> None:
        self.result.problems.append(CurationProblem(line, reason))

    def _change(self, paper: Paper, action: str, detail: str) -> None:
        self.result.changes.append(CatalogChange(paper.id, action, detail))

    def rename(self, action: Rename) -> None:
        """Retitle the entry, unless another entry has that title or it was renamed already."""
        paper = self.find(action.entry, action.line)
        if paper is None:
            return
        if paper.id in self.result.renamed:
            self._problem(
                action.line, f"{action.entry!r} is renamed already (line {self.lines[paper.id]})"
            )
            return
        others = [i for i in self.by_title.get(normalise_title(action.title), ()) if i != paper.id]
        if others and others[0] in self.papers:
            self._problem(
                action.line,
                f"{others[0]} already has the title {action.title!r}; merge them instead",
            )
            return
        aliases = paper.aliases if paper.untitled else [paper.title, *paper.aliases]
        self.papers[paper.id] = replace(
            paper,
            title=action.title,
            aliases=distinct_aliases(aliases, action.title),
            untitled=False,
        )
        self.result.renamed.add(paper.id)
        self.lines[paper.id] = action.line
        self._change(paper, "renamed", f"{paper.title!r} -> {action.title!r}")

    def merge(self, action: Merge) -> None:
        """Fold the other entries into the first, when every name finds a distinct entry."""
        found = [self.find(name, action.line) for name in action.entries]
        if None in found:
            return
        entries = [p for p in found if p is not None]
        if len({p.id for p in entries}) < len(entries):
            self._problem(action.line, "merge: names the same entry twice")
            return
        target, sources = entries[0], entries[1:]
        for source in sources:
            target = _fold(target, source)
            self.papers.pop(source.id)
            self.result.moved[source.id] = target.id
            self.lines[source.id] = action.line
            self._change(target, "merged", f"{source.title!r} ({source.id}) merged into this entry")
        self.papers[target.id] = target

    def hide(self, action: Hide) -> None:
        """Leave the entry out."""
        paper = self.find(action.entry, action.line)
        if paper is None:
            return
        self.papers.pop(paper.id)
        self.result.moved[paper.id] = None
        self.lines[paper.id] = action.line
        self._change(paper, "hidden", f"{paper.title!r} hidden")

    def add_aliases(self, action: AddAliases) -> None:
        """Add each alias that is new and is not another entry's title."""
        paper = self.find(action.entry, action.line)
        if paper is None:
            return
        added = []
        for alias in action.aliases:
            others = [i for i in self.by_title.get(normalise_title(alias), ()) if i != paper.id]
            if others:
                self._problem(
                    action.line, f"alias {alias!r} is the title of {others[0]}; not added"
                )
                continue
            added.append(alias)
        aliases = distinct_aliases([*paper.aliases, *added], paper.title)
        new = aliases[len(paper.aliases) :]
        if new:
            self.papers[paper.id] = replace(paper, aliases=aliases)
            self._change(paper, "aliased", "also known as " + ", ".join(repr(a) for a in new))


def _fold(target: Paper, source: Paper) -> Paper:
    """``target`` with what ``source`` adds: its names, authors, ids, details and mentions."""
    title, untitled = target.title, target.untitled
    if target.untitled and not source.untitled:  # a real title beats a made-up one
        title, untitled = source.title, False
    made_up = {p.title for p in (target, source) if p.untitled}
    names = [target.title, *target.aliases, source.title, *source.aliases]
    return replace(
        target,
        title=title,
        untitled=untitled,
        aliases=distinct_aliases([n for n in names if n not in made_up], title),
        authors=list(dict.fromkeys([*target.authors, *source.authors])),
        arxiv=target.arxiv or source.arxiv,
        url=target.url or source.url,
        venue=target.venue or source.venue,
        venue_year=target.venue_year if target.venue else source.venue_year,
        abstract=target.abstract or source.abstract,
        mentions=_mentions(target.mentions, source.mentions),
    )


def _mentions(kept: list[Mention], added: list[Mention]) -> list[Mention]:
    """One mention per report, the staying entry's first."""
    by_report = {m.report: m for m in added}
    by_report.update({m.report: m for m in kept})
    return [by_report[report] for report in sorted(by_report)]
