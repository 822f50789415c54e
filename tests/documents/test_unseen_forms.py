"""Reports in forms the code was not written against (tests/data/forms and tests/data/pages,
one per form, with their truth.yaml): what the document model keeps. Their metadata, markup
and works are judged with every other set in tests/corpus/test_data_sets.py."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.documents import Document, read_document
from bot.documents.links import clean_url

DATA = Path(__file__).parents[1] / "data"
SETS = ("forms", "pages")


def truth(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DATA / name / "truth.yaml").read_text("utf-8"))
    return loaded


CASES = [(name, file) for name in SETS for file in sorted(truth(name)["reports"])]


_PAPER_URL = re.compile(
    r"https?://(?:arxiv\.org/abs|openreview\.net/forum|aclanthology\.org)[^\s\"'<>\[\])}&]*"
)


def document(name: str, file: str) -> Document:
    return read_document((DATA / name / file).read_bytes())


def link_targets(doc: Document) -> set[str]:
    return {span.target for block in doc.blocks for span in block.spans if span.kind == "link"}


@pytest.mark.parametrize(
    ("name", "file"), [c for c in CASES if not c[1].endswith((".docx", ".odt"))]
)
def test_every_paper_link_keeps_its_target(name: str, file: str) -> None:
    raw = (DATA / name / file).read_text("utf-8", errors="replace")
    raw = raw.replace("=\n", "").replace("=3D", "=")  # quoted-printable soft breaks
    wanted = {clean_url(url).rstrip(".,;") for url in _PAPER_URL.findall(raw)}
    assert wanted <= link_targets(document(name, file))


def spans_of(doc: Document, kind: str) -> list[str]:
    return [text for block in doc.blocks for span, text in block.spanned(kind)]  # type: ignore[arg-type]


def test_org_links_quotes_and_drawers() -> None:
    doc = document("forms", "iclr2019-nola.org")
    assert any("Lottery Ticket" in text for text in spans_of(doc, "link"))
    assert any(block.kind == "quote" for block in doc.blocks)
    text = " ".join(block.text for block in doc.blocks)
    assert ":PROPERTIES:" not in text and "TODO" not in text


def test_latex_bibliography_entries_keep_their_keys_and_citations_name_them() -> None:
    doc = document("forms", "acl2019_florence_writeup.tex")
    references = [block for block in doc.blocks if block.kind == "reference"]
    keys = {block.key for block in references}
    cited = {
        key
        for block in doc.blocks
        for s in block.spans
        if s.kind == "cite"
        for key in s.target.split()
    }
    assert len(references) >= 8 and cited and cited <= keys
    assert doc.meta.authors == ["Tomasz Wierzbicki"]


def test_rst_citations_are_reference_entries() -> None:
    doc = document("forms", "nips-2017-long-beach.rst")
    references = {block.key: block.text for block in doc.blocks if block.kind == "reference"}
    assert any("Attention" in text or "attention" in text for text in references.values())
    assert doc.meta.authors == ["Rafael Quintero"]


def test_mdx_components_become_linked_titles_and_imports_vanish() -> None:
    doc = document("forms", "2021-05-12-iclr-2021-from-my-kitchen.mdx")
    titles = spans_of(doc, "link")
    assert any(t.startswith("An Image is Worth 16x16 Words") for t in titles)
    assert not any(block.text.startswith("import ") for block in doc.blocks)


def test_notebook_code_cells_and_outputs_are_not_prose() -> None:
    doc = document("forms", "emnlp2018-brussels-notes.ipynb")
    text = " ".join(block.text for block in doc.blocks)
    assert "Traceback" not in text and "import pandas" not in text and "iVBOR" not in text
    assert doc.form == "ipynb"


def test_docx_comments_are_not_prose_and_properties_are_metadata() -> None:
    doc = document("forms", "eccv2018-munich-tripreport.docx")
    text = " ".join(block.text for block in doc.blocks)
    assert "GANimation" not in text  # named only in a reviewer's Word comment
    assert doc.meta.authors == ["Lukas Feldmann"]
    assert any(block.kind == "footnote" for block in doc.blocks)


def test_wiki_cite_templates_are_written_out_as_quoted_titles() -> None:
    doc = document("forms", "AAAI-19_Honolulu_trip_report.wiki")
    assert len(spans_of(doc, "quoted")) >= 4
    assert "{{" not in " ".join(block.text for block in doc.blocks)


def test_google_docs_comments_are_dropped_and_links_unwrapped() -> None:
    doc = document("pages", "cvpr-2016-las-vegas-gdocs.html")
    assert not any("google.com/url" in target for target in link_targets(doc))
    text = " ".join(block.text for block in doc.blocks)
    assert "[a]" not in text and "[b]" not in text


def test_mail_quotes_and_signatures_are_not_the_authors_prose() -> None:
    doc = document("pages", "neurips-2019-vancouver-trip-report.eml")
    assert not any(block.text.startswith(">") for block in doc.blocks)
    assert not any(" wrote:" in block.text for block in doc.blocks)


def test_digest_keeps_only_the_authors_messages() -> None:
    doc = document("pages", "eccv-2018-munich-digest.txt")
    assert doc.meta.authors == ["Matteo Brambilla"]
    assert not any("maintenance" in block.text.lower() for block in doc.blocks)
