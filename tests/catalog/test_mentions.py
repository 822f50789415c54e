"""Every form of naming a work the catalog finds, on reports written for these tests.

Each test writes a small report, reads it the way the bot does (document model, snippets,
namings, merge) and checks the catalog entry a user would see: its title, authors, link, kind
and the quote that discusses it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.corpus import load_corpus
from bot.models import Corpus, Paper

HEAD = "# NeurIPS 2019 notes\n\nNotes from NeurIPS 2019 in Vancouver.\n\n"


def corpus_of(tmp_path: Path, **files: str) -> Corpus:
    for name, text in files.items():  # a_md -> a.md
        (tmp_path / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return load_corpus(tmp_path)


def one(corpus: Corpus, fragment: str) -> Paper:
    found = [p for p in corpus.papers if fragment.casefold() in p.title.casefold()]
    assert len(found) == 1, [p.title for p in corpus.papers]
    return found[0]


def titles(corpus: Corpus) -> set[str]:
    return {p.title for p in corpus.papers}


@pytest.mark.parametrize(
    "url",
    [
        "https://arxiv.org/abs/1906.02691",
        "https://openreview.net/forum?id=B1xsqj09Fm",
        "https://aclanthology.org/P19-1001/",
        "http://proceedings.mlr.press/v97/tan19a.html",
        "https://papers.nips.cc/paper/9015-a-paper",
        "https://openaccess.thecvf.com/content_CVPR_2019/html/X_CVPR_2019_paper.html",
        "https://www.semanticscholar.org/paper/0123456789abcdef",
        "https://doi.org/10.1145/3292500.3330701",
    ],
)
def test_a_link_to_a_paper_page_names_the_work_by_its_text(tmp_path: Path, url: str) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + f"I liked [Learning Sparse Kernels for Graphs]({url}): it prunes edges.\n",
    )
    paper = one(corpus, "Learning Sparse Kernels")
    assert paper.title == "Learning Sparse Kernels for Graphs"
    assert paper.link.rstrip("/") == url.rstrip("/")
    assert paper.mentions[0].quote.startswith("I liked Learning Sparse Kernels for Graphs")


def test_a_github_link_names_a_library_not_a_generic_word(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD
        + "We tried [Neural Tangents](https://github.com/google/neural-tangents), a library "
        "for infinite-width networks. The [code](https://github.com/someone/repo) is online.\n",
    )
    paper = one(corpus, "Neural Tangents")
    assert paper.kind == "library"
    assert "Code" not in titles(corpus)


def test_quoted_and_emphasised_titles(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + "The talk “Putting Fairness Principles into Practice” was packed.\n\n"
        "Then *Gradient Descent Finds Global Minima of Deep Neural Networks* argued the "
        "opposite of what I expected.\n",
    )
    assert one(corpus, "Fairness Principles").title == "Putting Fairness Principles into Practice"
    assert one(corpus, "Global Minima").kind == "paper"


def test_a_heading_that_is_a_title_and_the_authors_below_it(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + "## Papers\n\n### Deep Equilibrium Models\n\nShaojie Bai, J. Zico Kolter, "
        "Vladlen Koltun\n\nThey find the fixed point of one layer instead of stacking many.\n",
    )
    paper = one(corpus, "Deep Equilibrium Models")
    assert paper.authors[:2] == ["Shaojie Bai", "J. Zico Kolter"]
    assert "fixed point" in paper.mentions[0].quote


def test_title_with_authors_in_brackets_after_it_and_by_authors(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD
        + "- Lookahead Optimizer: k steps forward, 1 step back (Zhang, Lucas, Hinton, Ba) "
        "wraps any optimiser.\n"
        "- Weight Agnostic Neural Networks by Adam Gaier and David Ha searches architectures "
        "alone.\n",
    )
    assert one(corpus, "Lookahead Optimizer").authors[:2] == ["Zhang", "Lucas"]
    assert one(corpus, "Weight Agnostic").authors == ["Adam Gaier", "David Ha"]


def test_authors_then_title_in_a_bullet(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + '- **RETRO** — Borgeaud et al., "Improving Language Models by Retrieving from '
        'Trillions of Tokens": retrieval at a scale nobody tried.\n',
    )
    paper = one(corpus, "Retrieving from Trillions")
    assert "RETRO" in paper.aliases


def test_a_bibliography_entry_and_the_citations_that_name_it(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + "Batch norm helps, as Ioffe and Szegedy [1] showed, and it still does [1].\n\n"
        "## References\n\n"
        "1. Sergey Ioffe and Christian Szegedy. Batch Normalization: Accelerating Deep "
        "Network Training by Reducing Internal Covariate Shift. ICML 2015.\n",
    )
    paper = one(corpus, "Accelerating Deep Network Training")
    assert paper.title.startswith("Batch Normalization:")
    assert "Sergey Ioffe" in paper.authors
    assert "Batch norm helps" in paper.mentions[0].quote  # quoted where it is cited


def test_nicknames_introduced_in_the_text_join_their_work(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD
        + "[Rigging the Lottery: Making All Tickets Winners](https://arxiv.org/abs/1911.11134) "
        "— RigL — grows and prunes connections during training.\n\n"
        "Later, RigL came up again in the sparsity workshop: RigL matches dense accuracy.\n\n"
        "[Ordered Neurons](https://arxiv.org/abs/1810.09536) (ON-LSTM) models trees.\n",
    )
    rigl = one(corpus, "Rigging the Lottery")
    assert "RigL" in rigl.aliases
    assert len([p for p in corpus.papers if "rigl" in p.title.casefold()]) == 0
    assert "ON-LSTM" in one(corpus, "Ordered Neurons").aliases


def test_a_work_named_twice_in_two_reports_is_one_entry(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + "[Deep Double Descent](https://arxiv.org/abs/1912.02292) shows it.\n",
        b_md="# ICLR 2020 notes\n\nThe paper “Deep double descent: where bigger models and "
        "more data hurt” was discussed again at ICLR 2020.\n",
    )
    papers = [p for p in corpus.papers if "double descent" in p.title.casefold()]
    assert len(papers) == 1, [p.title for p in papers]
    assert papers[0].arxiv == "1912.02292"
    assert papers[0].title.startswith("Deep double descent: where bigger models")
    assert {m.report for m in papers[0].mentions} == {"a.md", "b.md"} or len(
        papers[0].mentions
    ) == 2


def test_label_award_and_owner_prefixes_are_not_part_of_the_title(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + "## Best paper: Distribution-Independent PAC Learning of Halfspaces\n\n"
        "It settles a thirty-year-old question about halfspaces and noise.\n\n"
        "## Three I liked: Anti-Aliased Neural Radiance Fields\n\n"
        "Rendering without the jaggies at every scale.\n\n"
        "Google’s Big Transfer showed that pre-training at scale still pays.\n",
    )
    found = titles(corpus)
    assert "Distribution-Independent PAC Learning of Halfspaces" in found
    assert "Anti-Aliased Neural Radiance Fields" in found
    assert not any(t.startswith(("Best paper", "Three I liked", "Google")) for t in found)


def test_an_invited_talk_line_gives_the_title_and_the_speaker(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_txt="NeurIPS 2019 Notes\n\nDay 1 - Talks\n\n"
        "Invited Talk: Social Intelligence, Games, and Machine Learning: Why and How, "
        "Blaise Aguera y Arcas\n\nHe argued that intelligence is social before it is "
        "individual, with many examples from bacteria to people.\n",
    )
    talk = one(corpus, "Social Intelligence")
    assert talk.title == "Social Intelligence, Games, and Machine Learning: Why and How"
    assert talk.kind == "talk"


def test_sections_of_a_talk_are_not_works_but_the_next_paper_is(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_txt="NeurIPS 2019 Notes\n\nDay 1 - Workshops\n\n"
        "Invited Talk by Ada Lovelace: Engines of Thought\n\nShe opened with history.\n\n"
        "Looms and Cards\n\nThe punched cards of the loom were the first programs.\n\n"
        "Certified Robustness to Adversarial Word Substitutions\n\n"
        "This paper bounds what word swaps can do to a classifier.\n",
    )
    found = titles(corpus)
    assert "Looms and Cards" not in found  # a section of the talk
    paper = one(corpus, "Certified Robustness")
    assert paper.kind == "paper"  # a paper at a workshop is a paper


def test_a_tweet_embedded_next_to_a_link_titles_the_linked_work(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD
        + "The [second paper](https://arxiv.org/abs/1810.09536) that won an award adds an "
        "inductive bias to model tree structures with LSTMs.\n\n"
        '<blockquote class="twitter-tweet"><p>Best Paper 2: Ordered Neurons: Integrating '
        "Tree Structures into Recurrent Neural Networks<br>Yikang Shen · Shawn Tan "
        '<a href="https://t.co/x">pic.twitter.com/x</a></p>&mdash; Conf (@conf) '
        '<a href="https://twitter.com/conf/status/1">May 6, 2019</a></blockquote>\n',
    )
    paper = one(corpus, "Ordered Neurons")
    assert paper.arxiv == "1810.09536"
    assert paper.authors[:2] == ["Yikang Shen", "Shawn Tan"]
    assert not any(p.title.startswith("arXiv") for p in corpus.papers)


def test_a_question_can_be_a_title_and_a_statement_in_quotes_is_not(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + 'Check out our poster "Do Deep Generative Models Know What They Don\'t Know?" '
        "this Thursday.\n\n"
        'As George Box said, "all models are wrong, but some are useful."\n',
    )
    assert "Do Deep Generative Models Know What They Don't Know?" in titles(corpus)
    assert not any("models are wrong" in t for t in titles(corpus))


@pytest.mark.parametrize(
    "line",
    [
        "## Logistics\n\nThe registration queue took an hour.",
        "## Vancouver Convention Centre\n\nA great venue by the water.",
        "## Google Brain\n\nThey had the biggest booth.",
        "## Yoshua Bengio\n\nHe spoke about consciousness priors.",
        "## Outstanding Paper Award\n\nThe committee picked three.",
    ],
)
def test_headings_that_are_not_works_make_no_entry(tmp_path: Path, line: str) -> None:
    corpus = corpus_of(tmp_path, a_md=HEAD + line + "\n")
    heading = line.split("\n")[0].lstrip("# ")
    assert heading not in titles(corpus)


def test_a_quote_stops_before_the_sentence_about_another_work(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + "[SpArSe](https://arxiv.org/abs/1905.12107) searches tiny networks for "
        "microcontrollers. It fits in 2 KB of RAM. Meanwhile [Lottery Tickets on a "
        "Budget](https://arxiv.org/abs/1911.00001) prunes early.\n",
    )
    quote = one(corpus, "SpArSe").mentions[0].quote
    assert quote.startswith("SpArSe searches tiny networks")
    assert "2 KB" in quote and "prunes early" not in quote


def test_author_year_citations_name_the_entry_and_stay_in_their_report(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD
        + "Pruning works early, as Frankle and Carbin (2019) showed. Later Zhou et al. (2019) "
        "asked why.\n\n## References\n\n"
        "- Frankle, J. and Carbin, M. (2019). The Lottery Ticket Hypothesis: Finding Sparse, "
        "Trainable Neural Networks. ICLR.\n"
        "- Zhou, H., Lan, J., Liu, R. and Yosinski, J. (2019). Deconstructing Lottery Tickets: "
        "Zeros, Signs, and the Supermask. NeurIPS.\n",
        b_md="# CVPR 2021 notes\n\nZhou et al. presented a scene parser that I liked.\n",
    )
    lth = one(corpus, "Lottery Ticket Hypothesis")
    assert lth.mentions[0].quote.startswith("Pruning works early, as Frankle and Carbin")
    zhou = one(corpus, "Deconstructing Lottery Tickets")
    assert [m.quote for m in zhou.mentions] == ["Later Zhou et al. (2019) asked why."]


def test_references_back_to_a_work_stay_in_its_quote(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + "[Stand-Alone Self-Attention](https://arxiv.org/abs/1906.05909) replaces every "
        "convolution. The authors show it matches ResNet on ImageNet. This paper also needs "
        "fewer parameters.\n",
    )
    quote = one(corpus, "Stand-Alone").mentions[0].quote
    assert "The authors show" in quote and "This paper also" in quote


def test_things_named_that_are_no_works_make_no_entry(tmp_path: Path) -> None:
    """A class named in quotes, a line that leads into a list (even one citing authors), a
    noun list read as 'Title, verbs' and a linked write-up of the conference."""
    corpus = corpus_of(
        tmp_path,
        a_txt=(
            "NeurIPS 2019 notes\n\nNotes from NeurIPS 2019 in Vancouver.\n\n"
            "She taught a class called “Data Science to Save the World” last spring.\n\n"
            "Known issues in GAN training:\n\n"
            "  • Loss uncorrelated with sample quality.\n"
            "  • Optimizing a problematic metric (Arjovsky and Bottou 2017).\n\n"
            "American Jurisprudence in cameras, phones, and camcorders changed how arrests "
            "are filmed.\n"
        ),
        b_md=HEAD + "See Jane Roe's [summary](https://example.org/notes/neurips_2019.pdf) "
        "of the keynotes, and [Deep Sets for Graphs](https://arxiv.org/abs/1703.06114).\n",
    )
    assert titles(corpus) == {"Deep Sets for Graphs"}


def test_a_heading_takes_the_author_link_under_it(tmp_path: Path) -> None:
    url = "https://openaccess.thecvf.com/content/CVPR2022/html/Hruby_Learning_paper.html"
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + "## Papers\n\n### 1. Learning to Solve Hard Minimal Problems\n\n"
        f"[Hruby, Duff, Leykin, Pajdla]({url}) — the best paper. Homotopy continuation "
        "tracks every solution; the trick is to learn which one to track.\n",
    )
    paper = one(corpus, "Minimal Problems")
    assert paper.title == "Learning to Solve Hard Minimal Problems"
    assert paper.authors == ["Hruby", "Duff", "Leykin", "Pajdla"]
    assert paper.link == url
    assert len(corpus.papers) == 1


def test_an_item_ending_in_a_bare_url_links_its_one_work(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + '- Outstanding paper: "Distribution-Independent PAC Learning of Halfspaces '
        'with Massart Noise" (Diakonikolas, Gouleakis, Tzamos). The first efficient algorithm '
        "for this setting, a problem open for decades. I will not pretend I followed the "
        "proof in the talk, which went far too fast for me and most of the room, I think.\n"
        "  https://arxiv.org/abs/1906.10075\n",
    )
    assert titles(corpus) == {
        "Distribution-Independent PAC Learning of Halfspaces with Massart Noise"
    }
    assert one(corpus, "Massart").arxiv == "1906.10075"


def test_a_title_cut_inside_its_author_list_loses_the_open_bracket(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + "The other best long paper: *Linguistically-Informed Self-Attention for "
        "Semantic Role Labeling* (Strubell, Verga, Andor, Weiss, McCallum). One attention "
        "head attends to each token's syntactic parent.\n",
    )
    assert titles(corpus) == {"Linguistically-Informed Self-Attention for Semantic Role Labeling"}


def test_a_title_line_with_its_authors_and_arxiv_id_under_it(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_txt="NAACL 2018 notes\n\nNotes from NAACL 2018 in New Orleans.\n\nMODELS\n\n"
        "Self-Attention with Relative Position Representations\n"
        "  Shaw, Uszkoreit, Vaswani -- arXiv:1803.02155\n"
        "  - replace absolute position encodings with relative distances\n\n"
        "Deep Contextualized Word Representations\n"
        "  Peters, Neumann, Iyyer, Gardner (AI2 + UW)\n"
        "  arXiv:1802.05365\n"
        "  - big gains on six tasks just by adding it to existing models\n",
    )
    relative = one(corpus, "Relative Position")
    assert relative.title == "Self-Attention with Relative Position Representations"
    assert relative.authors == ["Shaw", "Uszkoreit", "Vaswani"]
    assert relative.arxiv == "1803.02155"
    elmo = one(corpus, "Contextualized")
    assert elmo.title == "Deep Contextualized Word Representations"
    assert elmo.arxiv == "1802.05365"
    assert len(corpus.papers) == 2


def test_a_quoted_title_with_authors_and_a_link_in_its_brackets(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + 'Optimisers. "Lookahead Optimizer: k steps forward, 1 step back" (Zhang, '
        "Lucas, Hinton, Ba; https://arxiv.org/abs/1907.08610). Run any inner optimiser for k "
        "steps, then move the slow weights part of the way.\n",
    )
    paper = one(corpus, "Lookahead")
    assert paper.title == "Lookahead Optimizer: k steps forward, 1 step back"
    assert paper.authors == ["Zhang", "Lucas", "Hinton", "Ba"]
    assert paper.arxiv == "1907.08610"


def test_a_coined_name_with_its_authors_is_a_work(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + "- **MultiWOZ** (Budzianowski et al.), best resource paper: ten thousand "
        "dialogues across seven domains.\n",
    )
    paper = one(corpus, "MultiWOZ")
    assert paper.title == "MultiWOZ" and paper.authors == ["Budzianowski"]


def test_a_nickname_with_authors_under_the_full_title_is_its_alias(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + "## Papers\n\n### Analyzing and Improving the Image Quality of StyleGAN\n\n"
        "StyleGAN2 from NVIDIA (Tero Karras, Samuli Laine and Timo Aila) removes the "
        "water-droplet artifacts by redesigning the normalization.\n",
    )
    paper = one(corpus, "StyleGAN")
    assert paper.title == "Analyzing and Improving the Image Quality of StyleGAN"
    assert paper.aliases == ["StyleGAN2"]
    assert paper.authors == ["Tero Karras", "Samuli Laine", "Timo Aila"]


def test_an_arxiv_page_title_loses_its_id_and_a_leading_citation_gives_authors(
    tmp_path: Path,
) -> None:
    corpus = corpus_of(
        tmp_path,
        a_md=HEAD + "Bookmarked: [[1808.06226] SentencePiece: A simple and language independent "
        "subword tokenizer](https://arxiv.org/abs/1808.06226).\n\n"
        "- Kaushik and Lipton, [How Much Reading Does Reading Comprehension Require? A Critical "
        "Investigation of Popular Benchmarks](https://arxiv.org/abs/1808.04926). Models given "
        "only the question do well.\n",
    )
    assert one(corpus, "SentencePiece").title.startswith("SentencePiece: A simple")
    assert one(corpus, "How Much Reading").authors == ["Kaushik", "Lipton"]


def test_a_reference_venue_in_emphasis_is_no_work() -> None:
    from bot.catalog.finders.headings import from_headings
    from bot.models import Snippet

    text = (
        "Elena Voita and Ivan Titov. Analyzing multi-head self-attention. "
        "arXiv:1905.09418. In Proceedings of ACL, 2019."
    )
    snippet = Snippet("a.tex#3", "a.tex", ("References",), text)
    snippet.candidates = ["Proceedings of ACL"]  # emphasised in the source
    assert from_headings(snippet) == []
