"""catalog.yaml: reading it line by line (bad lines named, never fatal), applying it."""

from __future__ import annotations

from pathlib import Path

from bot.catalog.curation import apply_curation, load_curation
from bot.catalog.curation_file import AddAliases, Hide, Merge, Rename, parse_curation
from bot.models import Mention, Paper


def _paper(
    paper_id: str, title: str, reports: tuple[str, ...] = ("a.md",), **more: object
) -> Paper:
    mentions = [Mention(r, "ICLR", 2019, f"{r}#1") for r in reports]
    return Paper(id=paper_id, title=title, mentions=mentions, **more)  # type: ignore[arg-type]


CATALOG = [
    _paper("t:batch-normalization", "Batch Normalization", kind="topic"),
    _paper("arxiv:1810.09536", "arXiv 1810.09536", arxiv="1810.09536", untitled=True),
    _paper("arxiv:1711.05101", "Decoupled weight decay", ("a.md",), arxiv="1711.05101"),
    _paper("t:adamw-or-sgdw", "AdamW or SGDW", ("a.md", "b.md"), authors=["Loshchilov"]),
    _paper("arxiv:1803.03635", "Lottery Ticket Hypothesis", aliases=["LT"], arxiv="1803.03635"),
    _paper("t:knowledge-flow", "Knowledge Flow"),
    _paper("t:knowledge-flow-2", "Knowledge flow"),
]

GOOD = """\
# The community's corrections
rename:
  arxiv:1810.09536: "Ordered Neurons: Integrating Tree Structures into Recurrent Neural Networks"
merge:
  - [Decoupled weight decay, AdamW or SGDW]
hide:
  - batch normalization
aliases:
  arxiv:1803.03635: [LTH, lottery tickets, LT]
"""


def test_the_documented_format_reads_as_actions() -> None:
    curation = parse_curation(GOOD)
    assert curation.problems == []
    assert curation.actions == [
        Rename(
            3,
            "arxiv:1810.09536",
            "Ordered Neurons: Integrating Tree Structures into Recurrent Neural Networks",
        ),
        Merge(5, ("Decoupled weight decay", "AdamW or SGDW")),
        Hide(7, "batch normalization"),
        AddAliases(9, "arxiv:1803.03635", ("LTH", "lottery tickets", "LT")),
    ]


def test_curation_renames_merges_hides_and_aliases() -> None:
    curated = apply_curation(CATALOG, parse_curation(GOOD))
    by_id = {p.id: p for p in curated.papers}
    assert curated.problems == []
    assert "t:batch-normalization" not in by_id and "t:adamw-or-sgdw" not in by_id
    neurons = by_id["arxiv:1810.09536"]
    assert neurons.title.startswith("Ordered Neurons") and not neurons.untitled
    assert neurons.aliases == []  # the made-up name is nobody's naming
    adamw = by_id["arxiv:1711.05101"]
    assert adamw.aliases == ["AdamW or SGDW"] and adamw.authors == ["Loshchilov"]
    assert [m.report for m in adamw.mentions] == ["a.md", "b.md"]
    assert by_id["arxiv:1803.03635"].aliases == ["LT", "LTH", "lottery tickets"]
    assert curated.renamed == {"arxiv:1810.09536"}
    assert curated.moved == {"t:adamw-or-sgdw": "arxiv:1711.05101", "t:batch-normalization": None}
    actions = [(c.entry, c.action) for c in curated.changes]
    assert actions == [
        ("arxiv:1810.09536", "renamed"),
        ("arxiv:1711.05101", "merged"),
        ("t:batch-normalization", "hidden"),
        ("arxiv:1803.03635", "aliased"),
    ]
    assert CATALOG[1].title == "arXiv 1810.09536"  # the input is left alone


BAD = """\
rename:
  arxiv:1803.03635: [a, list]
  No such paper: Something
  Knowledge Flow: Knowledge Flow - Improve upon your teachers
  Lottery Ticket Hypothesis: Decoupled weight decay
rname:
  x: y
merge:
  - [only one]
  - [Decoupled weight decay, Decoupled weight decay]
  - "unclosed: [quote
hide:
  - t:knowledge-flow-2
  - [a, list]
  -
aliases:
  t:adamw-or-sgdw: [AdamW]
  arxiv:1803.03635: [Batch Normalization, Ticket]
merge:
  - [Decoupled weight decay, AdamW or SGDW]
  - [AdamW or SGDW, Lottery Ticket Hypothesis]
"""


def test_each_bad_line_is_named_and_the_rest_applies() -> None:
    curated = apply_curation(CATALOG, parse_curation(BAD))
    problems = {p.line: p.reason for p in curated.problems}
    assert "expected one name or title, found a list" in problems[2]
    assert "no entry has the id, title or alias 'No such paper'" in problems[3]
    assert "names several entries (t:knowledge-flow, t:knowledge-flow-2); use the id" in problems[4]
    assert "arxiv:1711.05101 already has the title" in problems[5]
    assert "unknown section 'rname'" in problems[6]
    assert "at least two entries" in problems[9]
    assert "not valid YAML" in problems[11]
    assert "expected one name or title" in problems[14]
    assert "empty" in problems[15]
    assert "alias 'Batch Normalization' is the title of t:batch-normalization" in problems[18]
    assert "'AdamW or SGDW' was merged into arxiv:1711.05101 (line 20)" in problems[21]
    assert "at least two entries" in problems[10]  # the same entry twice
    assert sorted(problems) == [2, 3, 4, 5, 6, 9, 10, 11, 14, 15, 18, 21]
    # What could apply did, in file order: the hide, the alias, then the merge carrying it.
    by_id = {p.id: p for p in curated.papers}
    assert "t:knowledge-flow-2" not in by_id and "t:adamw-or-sgdw" not in by_id
    assert by_id["arxiv:1711.05101"].aliases == ["AdamW or SGDW", "AdamW"]
    assert by_id["arxiv:1803.03635"].aliases == ["LT", "Ticket"]
    assert by_id["arxiv:1803.03635"].title == "Lottery Ticket Hypothesis"


def test_a_file_that_is_not_the_format_is_named_not_fatal(tmp_path: Path) -> None:
    assert load_curation(tmp_path / "catalog.yaml").actions == []  # absent: nothing to do
    for text, reason in [
        ("- just\n- a list\n", "expected the sections"),
        ("rename: [a, b]\n", "rename: expected lines"),
        ("hide: {a: b}\n", "hide: expected lines"),
        ("base: &x [a, b]\nmerge:\n  - *x\n  - *x\n", "unknown section 'base'"),
    ]:
        curation = parse_curation(text)
        assert any(reason in p.reason for p in curation.problems), (text, curation.problems)
    (tmp_path / "catalog.yaml").write_bytes(b"rename:\n  a: \xff\xfe\n")
    assert "not UTF-8" in str(load_curation(tmp_path / "catalog.yaml").problems[0])
    assert parse_curation("").actions == [] and parse_curation("# nothing yet\n").problems == []


def test_values_stay_text_as_written() -> None:
    curation = parse_curation("rename:\n  arxiv:1803.03635: 2019\nhide:\n  - yes\n  - null\n")
    assert curation.actions == [
        Rename(2, "arxiv:1803.03635", "2019"),
        Hide(4, "yes"),
        Hide(5, "null"),
    ]


def test_yaml_aliases_cannot_blow_up_the_walk() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    lines += ["merge:", "  - *a29"]
    curation = parse_curation("\n".join(lines))  # 4**29 names if aliases were expanded
    assert curation.actions == []
    assert any("alias" in p.reason or "expected one name" in p.reason for p in curation.problems)


def test_merging_an_untitled_entry_takes_the_real_title() -> None:
    catalog = [
        _paper(
            "arxiv:1810.09536", "arXiv 1810.09536", ("a.md",), arxiv="1810.09536", untitled=True
        ),
        _paper("t:ordered-neurons", "Ordered Neurons", ("b.md",)),
    ]
    curation = parse_curation("merge:\n  - [arxiv:1810.09536, Ordered Neurons]\n")
    [merged] = apply_curation(catalog, curation).papers
    assert merged.id == "arxiv:1810.09536" and merged.title == "Ordered Neurons"
    assert not merged.untitled and merged.aliases == [] and len(merged.mentions) == 2
