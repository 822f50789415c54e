"""Every number the /paper ranking uses, named, with where it was calibrated.

"Calibrated" means: chosen by running ``python -m tests.eval.evaluate --all`` (the shipped
corpus with tests/eval/cases.yaml, tests/data/wild2-4, forms and pages) and taking the value
in the middle of the range where the hit rates stay flat; the held-out set was only run, never
tuned on. "Shape" means the value follows from what it describes, not from a run.
"""

from __future__ import annotations

# --- how much a query word weighs ------------------------------------------------------------
# A word's weight is its rarity in general English (wordfreq's Zipf scale: 7 is "the", 3 is
# "covariate"-rare, 0 unknown), lowered by up to CORPUS_DISCOUNT for a word many passages
# of the corpus have (BM25's idf). English decides because a small corpus cannot: in five
# reports "must" and "covariate" both occur once. Calibrated: 0.3-0.6 give the same hit rates.
CORPUS_DISCOUNT = 0.5
# Zipf at or above which a word is as common as words get (weight floor), and at or below
# which it is as rare (weight 1). Shape: 6.5 is "were", "which"; 2.0 is "bipedal", "cumax".
ZIPF_COMMON = 6.5
ZIPF_RARE = 2.0
# A word typed with capitals inside it ("LISA", "ELMo", "PinSage") is a name, whatever its
# frequency in English, and weighs at least this. Shape: as much as a rare word.
CASED_NAME_WEIGHT = 0.8
# ... and, when it is also an English word at least this common ("SET", "LISA"), is found in
# passages only written with its capitals ("validation set" is no mention of SET). Shape:
# Zipf 3 is where the English table keeps every word.
CASE_SENSITIVE_ZIPF = 3.0
# No query word weighs less than this (a stopword that survived is still a word typed).
MIN_WEIGHT = 0.05

# --- what counts as evidence --------------------------------------------------------------
# The weighted share of the query that an answer must cover, by number of query words: one
# word must be found, two words both, and longer descriptions may miss their paraphrased
# words. REQUIRED_FLOOR is reached at REQUIRED_FLOOR_WORDS words.
# Calibrated on descriptions (forms, pages) against the negatives in the same sets.
REQUIRED_TWO = 0.86
REQUIRED_FLOOR = 0.62
REQUIRED_FLOOR_WORDS = 6
# A passage answers only when the words it has weigh this much together: one fairly rare
# word, or several common ones ("set" alone, or "need more attention" for "attention is
# all you need", says nothing). Calibrated: "SET", "uncertainty", the negatives.
MIN_EVIDENCE_WEIGHT = 0.55
# ... unless it holds the whole query word for word, stopwords too, and the query is at
# least this long: a title quoted ("Attention is all you need"). Shape.
QUOTED_MIN_WORDS = 3
# Passages: how far apart the matching words may be, in tokens (a clause or two, not a page),
# and how many tokens of the neighbouring passages of the same snippet a window may reach.
WINDOW_BASE = 10
WINDOW_PER_WORD = 3
CONTEXT_TOKENS = 12
# A passage's evidence counts a little less than the work's own names covering the query.
PASSAGE_CREDIT = 0.9
# A passage that names no work is a result of its own only with this much more evidence
# than a work needs (it cannot lean on a title). Calibrated on the negatives.
PASSAGE_RESULT_MARGIN = 0.05

# --- names --------------------------------------------------------------------------------
# The share of the query a work's own names must cover to answer by name alone. Shape: the
# same bar as passages, but never below this (a title fragment of one word of three).
NAME_REQUIRED_MIN = 0.7
# Credit for a query that names a work outright.
EXACT_CREDIT = 1.0  # title, its part before a colon, an alias or an arXiv id
CONTAINED_CREDIT = 0.95  # the query holds a whole title or alias, plus more words
CONTAINED_MIN_CHARS = 6  # a one-word title must be this long to be "contained" ("Slalom")
NICKNAME_CREDIT = 0.85  # initials of the title the corpus never spells out ("rigl")
HEADING_NAME_CREDIT = 0.9  # the heading over the work's paragraph ("ON-LSTM")
# Credit for a word matched loosely: corrected typos by edit distance, a shared stem only
# ("exploration", "explorer"), the start or end of a longer name word ("norm"), an unknown
# word next to a matched author surname (a first name, or a co-author the report leaves out).
CORRECTION_CREDIT = {0: 1.0, 1: 0.9, 2: 0.8}
STEM_CREDIT = 0.95
# Two words with one stem are one word's forms only if their lengths differ by at most this
# ("prune"/"pruning", "generalize"/"generalization"; not "general"/"generalization", which
# the English stemmer merges). Shape.
STEM_FORM_GAP = 4
# An unknown query word that starts a corpus word at most this many letters longer stands
# for it ("biped" for "bipedal"), with PART_CREDIT.
COMPLETION_MAX_EXTRA = 4
COMPLETION_MIN_CHARS = 5
PART_CREDIT = 0.85
PART_MIN_CHARS = 4
FIRST_NAME_CREDIT = 0.9
CO_AUTHOR_CREDIT = 0.75
# A co-author word must be this rare in English (Zipf; "levine" 3.5, "pruning" 3.1 would
# pass, "network" 5.0 not) in a query of at most this many words (a list of names).
CO_AUTHOR_MAX_ZIPF = 3.6
CO_AUTHOR_MAX_WORDS = 5
# In a query this short ("shangzhe wu", "frankle carbin keynote") each word is checked for
# standing right before the next one in a passage (a full name the reports spell out).
NAME_QUERY_WORDS = 3
# A fuzzy title match good enough to answer when no word matched (near-verbatim fragment).
FUZZY_ANSWER = 90
FUZZY_ANSWER_MIN_CHARS = 12
FUZZY_ANSWER_CREDIT = 0.8

# --- ordering -----------------------------------------------------------------------------
# score = sum of these times the evidence fields (see rank.Evidence.score). Relevance decides
# whether a work answers; the rest order works that all answer. Calibrated on the shipped
# corpus (hit@1) with the unseen sets as a check.
SCORE_RELEVANCE = 0.5
SCORE_NAMES = 0.25
# A work whose names cover only part of the query (the rest is in its passages) gets this
# share of SCORE_NAMES: a title word is a hint, not an answer. Calibrated: shipped topics.
SCORE_PARTIAL_NAMES = 0.3
SCORE_EXACT = 0.1
SCORE_TITLE_SHARE = 0.05
SCORE_VERBATIM = 0.03
SCORE_BM25 = 0.05
SCORE_REPORTS = 0.03
SCORE_PHRASE = 0.08
# The phrase evidence of a passage holding the whole query word for word (PHRASE_CREDIT),
# or its words pairwise in order, close together (at most PAIRS_CREDIT). Shape.
PHRASE_CREDIT = 1.0
PAIRS_CREDIT = 0.5
# A work no report names (its title made up from an arXiv id or its authors) is a weaker
# headline than a named one. Shape: less than any other tie-breaker.
SCORE_UNTITLED = -0.02
# A passage naming no work is the fallback answer: it ranks below a work with the same
# evidence ("see Kaushik & Lipton" in a to-do list below their paper). Calibrated: -0.03 to
# -0.1 give the same hit rates but for that case.
SCORE_LOOSE = -0.05
REPORTS_FOR_FULL_CREDIT = 3
# Of the works one passage is about, the one it names most fully ("A mean field theory of
# batch normalization" over "Batch Normalization" in the same sentence) is its subject; the
# others get the share of their name's length to that one's. That share halves at every
# NAME_DISTANCE_TOKENS between the name and the words that matched, and a name after them
# counts as NAME_AFTER_TOKENS farther ("RegNet models ... compete with EfficientNet" is about
# RegNet). Calibrated: 0.02-0.08 give the same hit rates.
SCORE_NAMING = 0.05
NAME_DISTANCE_TOKENS = 10
NAME_AFTER_TOKENS = 25

# --- how much work a lookup does ----------------------------------------------------------
# Candidates BM25 hands to the evidence step. Calibrated: enough that the right answer of a
# twelve-word description is among them; 16 and 16 gave the same hit rates on every
# evaluation set and the benchmark's, at 3.6 ms p99 instead of 2.5 ms (bench_lookup); 10
# passages lost one shipped topic query at 1.
WORK_CANDIDATES = 12
PASSAGE_CANDIDATES = 12
# Passage BM25 searches with the words found in at most this share of the passages, or the
# SEARCH_MIN_WORDS rarest words when fewer are: a word in every other passage ranks
# nothing and costs the most. The evidence step still counts every word. Shape.
COMMON_SHARE = 0.05
SEARCH_MIN_WORDS = 2
# A work whose names cover at least OWN_MIN_NAMES of the query but too little to answer has
# OWN_PASSAGES of its passages read (the OWN_PASSAGE_WORKS best such works): "frankle
# rewinding". Calibrated: below 0.25 the hit rates stay, the time grows.
OWN_MIN_NAMES = 0.25
OWN_PASSAGES = 12
OWN_PASSAGE_WORKS = 4
# Passages per snippet shown at most, and tokens a passage holds at most.
PASSAGE_TOKENS = 48

# --- suggestions --------------------------------------------------------------------------
SUGGESTIONS = 3
# A work whose names cover this much of the query is offered when nothing answers.
NEAR_MISS = 0.7
# Only titles this close to the query are suggested (rapidfuzz token_set_ratio, 0-100:
# "mean field theory of transformers" is 75 from "mean field theory of batch normalization",
# "attention is all you need" 53 from a title that only shares "attention"). Calibrated.
SUGGESTION_CUTOFF = 70

# --- headings -----------------------------------------------------------------------------
# Credit for a query word found in the heading a passage sits under ("keynote" under
# "Keynotes"), and its BM25 boost against the passage's own words. Shape: a heading speaks
# for every passage under it, so it is weaker evidence than the passage itself.
HEADING_CREDIT = 0.9
HEADING_BOOST = 0.3
# A run-together word ("lotteryticket") is split only when both halves are this rare in
# English (rarity 0.35 is Zipf 4.9: "ticket" is, "style" is not) and stand next to each other
# in some passage; "stylegan" is never "style gan". Shape.
SPLIT_RARITY = 0.35
