"""A highlight's quote must say something about its work, not only name it."""

from __future__ import annotations

from bot.digest.substance import says_something

FILM = ("FiLM",)
MAC = ("MAC",)
RELATIONAL = ("RelationalNet",)


def test_a_pointer_to_a_paper_says_nothing_about_it() -> None:
    title = "Do GANs actually learn the distribution? An empirical study"
    assert not says_something(f"Follow up read: “{title}.”", [(title,)])


def test_a_list_of_works_says_little_about_each() -> None:
    quote = (
        "Typical feed-forward networks like the RelationalNet, FiLM, and MAC can not "
        "generalize learned relations to novel inputs."
    )
    assert not says_something(quote, [FILM, RELATIONAL, MAC])
    assert says_something(quote, [FILM])  # about FiLM alone, it would say enough


def test_a_passage_about_the_work_says_something() -> None:
    quote = (
        "The Relativistic GAN presents a simple modification to the GAN training that "
        "seems to help with training stability."
    )
    assert says_something(quote, [("Relativistic GAN", "RGAN")])


def test_names_are_matched_ignoring_case_longest_first() -> None:
    quote = "LOTTERY TICKET HYPOTHESIS: the lottery ticket paper was presented."
    names = [("The Lottery Ticket Hypothesis", "Lottery Ticket Hypothesis", "lottery ticket")]
    assert not says_something(quote, names)
