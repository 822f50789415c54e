"""The evidence parts of the lookup: sentences, passages and who they are about, word
weights, spellings, and how much of a query an answer must cover."""

from __future__ import annotations

from itertools import pairwise

import pytest

from bot.lookup.attribution import TitleFinder, WorkNames, attribute, name_keys
from bot.lookup.evidence import best_window, holds, required_share
from bot.lookup.names import Term
from bot.lookup.rarity import corpus_rarity, english_rarity, english_zipf, word_weight
from bot.lookup.sentences import sentence_spans
from bot.lookup.spelling import variants
from bot.lookup.text import WORDS, title_key
from bot.models import Mention, Paper

# --- sentences ---------------------------------------------------------------------------


def test_sentences_end_at_stops_not_at_abbreviations_or_initials() -> None:
    text = "Frankle et al. show it, e.g. on MNIST. J. Smith disagreed! Lists; items; too"
    spans = [text[a:b].strip() for a, b in sentence_spans(text)]
    assert spans == [
        "Frankle et al. show it, e.g. on MNIST.",
        "J. Smith disagreed!",
        "Lists;",
        "items;",
        "too",
    ]


def test_sentence_splitting_is_linear_on_hostile_text() -> None:
    # No look-behind runs at every character: a long run of dots and letters is cheap.
    text = ("a." * 50_000) + " end"
    assert sentence_spans(text)[-1][1] == len(text)


# --- who a passage is about -----------------------------------------------------------------

LT = Paper("t:lt", "The Lottery Ticket Hypothesis", aliases=["LTH"], authors=["Jonathan Frankle"])
SNIP = Paper("t:snip", "SNIP: Single-shot Network Pruning", aliases=["SNIP"], authors=["Lee"])


def _works(*papers: Paper) -> list[WorkNames]:
    return [WorkNames(i, name_keys(p)) for i, p in enumerate(papers)]


def _about(text: str, works: list[WorkNames], heading: str = "") -> list[dict[int, int]]:
    """Per sentence: work -> how fully it is named there (0: about it, not named)."""
    words = WORDS.analyze(text)
    spans = sentence_spans(text)
    bounds, k = [], 0
    for start, end in spans:
        count = len(WORDS.analyze(text[start:end]))
        bounds.append((k, k + count))
        k += count
    windows = list(zip(spans, bounds, strict=True))
    found = attribute(text, heading, windows, works, [[] for _ in spans], words)
    return [{w: n.strength for w, n in here.items()} for here in found]


def test_a_passage_is_about_the_works_it_names_and_what_follows_them() -> None:
    text = "SNIP prunes at initialization. It uses sensitivity. Frankle shows tickets exist."
    # SNIP (named by its four letters), carried to "It uses ...", then Frankle's LT.
    assert _about(text, _works(LT, SNIP)) == [{1: 4}, {1: 0}, {0: 7}]


def test_what_follows_is_about_the_work_named_last() -> None:
    text = "Frankle and SNIP were both there. It uses sensitivity."
    assert _about(text, _works(LT, SNIP)) == [{0: 7, 1: 4}, {1: 0}]


def test_a_lead_in_belongs_to_the_work_its_snippet_then_names() -> None:
    text = "Two papers looked at pruning early. SNIP is one."
    assert _about(text, _works(LT, SNIP)) == [{1: 0}, {1: 4}]


def test_a_heading_naming_a_work_covers_its_paragraph() -> None:
    text = "The first sentence. The second one."
    assert _about(text, _works(LT, SNIP), heading="LTH") == [{0: 0}, {0: 0}]


def test_a_snippet_naming_none_of_several_works_gives_them_no_passage() -> None:
    text = "The coffee was good. The talks were long."
    assert _about(text, _works(LT, SNIP)) == [{}, {}]
    # ... but a snippet about one work it never names is about that work.
    assert _about(text, _works(LT)) == [{0: 0}, {0: 0}]


def test_the_work_a_passage_names_most_fully_is_its_subject() -> None:
    mean_field = Paper("t:mf", "A Mean Field Theory of Batch Normalization")
    batch_norm = Paper("t:bn", "Batch Normalization")
    text = "A mean field theory of batch normalization shows gradients explode."
    (about,) = _about(text, _works(mean_field, batch_norm))
    assert about[0] > about[1] > 0


def _found(finder: TitleFinder, text: str, report: str = "r1") -> list[int]:
    raw = text.replace(".", " ").replace(",", " ").split()
    words = WORDS.analyze(text)
    return [work for work, _ in finder.find(words, (0, len(words)), lambda k: raw[k], report)]


def test_whole_titles_are_found_wherever_a_passage_has_them() -> None:
    finder = TitleFinder([LT, SNIP, Paper("t:x", "Batch Normalization")])
    text = "we read the lottery ticket hypothesis and batch normalization"
    assert _found(finder, text) == [0]  # two-word titles are often topics


def test_nicknames_with_their_capitals_and_et_al_in_the_same_report() -> None:
    ddim = Paper("t:ddim", "Denoising Diffusion Implicit Models", aliases=["DDIM"])
    song = Paper("t:sde", "Score-Based Generative Modeling", authors=["Yang Song"])
    song.mentions.append(Mention("r1", None, None, "r1#1"))
    finder = TitleFinder([ddim, song, SNIP])
    assert _found(finder, "Combined with DDIM, Song et al. win") == [0, 1]
    assert _found(finder, "Song et al. again", report="r2") == []  # another Song
    assert _found(finder, "a quick snip of the tape") == []  # "SNIP" needs its capitals


# --- weights --------------------------------------------------------------------------------


def test_english_rarity_outweighs_a_small_corpus() -> None:
    zipf = english_zipf(["covariate", "shift", "the", "stylegan"])
    assert zipf["the"] > zipf["shift"] > zipf["covariate"]
    assert "stylegan" not in zipf  # not English: as rare as words get
    covariate = word_weight(1, 500, zipf["covariate"])
    shift = word_weight(1, 500, zipf["shift"])
    assert covariate > 2 * shift
    assert english_rarity(0.0) == 1.0 and english_rarity(7.7) == 0.0


def test_a_word_in_every_passage_weighs_less_than_a_rare_one() -> None:
    assert corpus_rarity(1, 1_000) == pytest.approx(1.0)
    assert corpus_rarity(900, 1_000) < 0.2
    assert word_weight(900, 1_000, 0.0) < word_weight(1, 1_000, 0.0)


@pytest.mark.parametrize(
    ("word", "other"),
    [("optimiser", "optimizer"), ("generalise", "generalize"), ("colour", "color")],
)
def test_british_and_american_spellings(word: str, other: str) -> None:
    assert other in variants(word) and word in variants(other)


def test_title_keys_fold_case_punctuation_articles_and_accents() -> None:
    assert title_key("The Schölkopf: “Causal” Learning!") == "scholkopf causal learning"


# --- coverage -------------------------------------------------------------------------------


def _terms(*weights: float) -> list[Term]:
    return [Term(f"w{n}", (f"w{n}",), w) for n, w in enumerate(weights)]


def test_the_bar_falls_with_the_length_of_the_query() -> None:
    bars = [required_share(n) for n in range(1, 13)]
    assert bars[0] == 1.0 and bars[1] > 0.8
    assert all(a >= b for a, b in pairwise(bars))
    assert bars[-1] >= 0.6


def test_words_must_be_close_together_in_the_passage() -> None:
    terms = _terms(1.0, 1.0)
    close = best_window(terms, [(10, 0), (12, 1)], [0.0, 0.0], 16, (0, 100))
    far = best_window(terms, [(10, 0), (60, 1)], [0.0, 0.0], 16, (0, 100))
    assert close.found == 1.0 and far.found == 0.5


def test_words_the_names_cover_count_wherever_they_are() -> None:
    window = best_window(_terms(1.0, 1.0), [(60, 1)], [1.0, 0.0], 16, (50, 70))
    assert window.found == 1.0 and (window.first, window.last) == (60, 60)


def test_a_window_must_reach_into_its_passage() -> None:
    # Both words sit in the context after the passage [0, 20): they are the next one's.
    window = best_window(_terms(1.0, 1.0), [(30, 0), (31, 1)], [0.0, 0.0], 16, (0, 20))
    assert window.found == 0.0 and window.first == -1


def test_a_whole_query_word_for_word() -> None:
    assert holds([5, 1, 2, 3, 9], 0, 5, [1, 2, 3])
    assert not holds([5, 1, 2, 9, 3], 0, 5, [1, 2, 3])
    assert not holds([5, 1, 2, 3, 9], 2, 5, [1, 2, 3])
