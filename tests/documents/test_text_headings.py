"""Which bare lines of plain-text notes are headings."""

from __future__ import annotations

import pytest

from bot.documents.text_reader import looks_like_heading


@pytest.mark.parametrize(
    "line",
    [
        "McGan: Mean and Covariance Feature Matching GAN",
        "Pruning and Sparsity",
        "Do GANs Actually Learn the Distribution? Some Theory and Empirics",
    ],
)
def test_title_lines_are_headings(line: str) -> None:
    assert looks_like_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "Follow up read: “Do GANs actually learn the distribution? An empirical study.”",
        "See also: Deep Sets",
        "It was a long day.",
        "Michael Laskin, Pieter Abbeel, Aravind Srinivas",
        "Code: https://github.com/x/y",
    ],
)
def test_sentences_labels_and_people_are_not(line: str) -> None:
    assert not looks_like_heading(line)
