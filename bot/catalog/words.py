"""What titles look like: title case, coined names, where a title starts and ends."""

from __future__ import annotations

import re

from bot.catalog.orgs import is_organisation
from bot.documents.people import is_person_name
from bot.documents.text_reader import title_case_ratio as _ratio

SMALL = frozenset(
    "a an and as at by for from in into of on or the to vs via with without before after "
    "through toward towards over under upon between beyond using more all is are be your "
    "what where when why how we you it its not no do does can our their one".split()
)


# A sentence (or list item) ends at . ! ? ; before a capital, but not after an initial
# ("Lydia T. Liu") or "et al.".
SENTENCE_END = re.compile(r"(?<=[.!?;])(?<!\s[A-Z]\.)(?<!\bal\.)\s+(?=[A-Z“\"(])")


CLAUSE_END = re.compile(r"(?<!\s[A-Z])(?<!\bal)[.;!?](?:\s|$)")


OPENERS = frozenset(
    "the this that these those in on at a an we i it there our they he she one another for as "
    "while when although however finally furthermore moreover also but and so if after before "
    "since because with without here some many most all both each other such my his her their "
    "its you your what why how which who overall then still now today yesterday during".split()
)


def title_start_before(text: str, end: int) -> int:
    """Walk back from ``end`` over title-like words to where the title starts."""
    words = list(re.finditer(r"\S+", text[:end]))
    start = end
    for word in reversed(words):
        raw = word.group(0)
        token = raw.strip("“”\"'(),;")
        if raw.endswith("?") and start != end:
            start = _question_head(text, word.end(), start)
            break
        if raw.endswith((".", "!", ";", ")", "]")) and start != end:
            break  # the previous sentence, list item or parenthesis ends here
        if not token:
            break
        if (
            token[0].isupper()
            or token[0].isdigit()
            or token.lower() in SMALL
            or token.endswith(":")
            or looks_coined(token)
        ):
            start = word.start()
            if raw[0] in '“"(':
                break
            if raw.endswith(",") and not (token[0].isupper() or token[0].isdigit()):
                break  # "..., and" ends a clause; "Quality, Stability, and Variation" goes on
            continue
        break
    # A title does not begin with a small word ("the", "and") or an opener ("Finally,").
    head = text[start:end]
    question = "?" in " ".join(head.split()[:8])  # "Is BERT Really Robust? ..." keeps its "Is"
    while len(head.split()) > 1 and _leading_filler(head.split()[0], question, head.split()[1]):
        first = head.split()[0]
        start += head.index(first) + len(first)
        head = text[start:end]
    return start + (len(head) - len(head.lstrip()))


def _question_head(text: str, question_end: int, start: int) -> int:
    """'Is BERT Really Robust? A Strong Baseline ...': a short title-cased question opening
    a sentence is the first half of the title; any other question ends the sentence before."""
    sentence = sentence_start(text, question_end - 1)
    head = text[sentence:question_end]
    words = head.split()
    if 2 <= len(words) <= 8 and title_case_ratio(head) >= 0.75 and words[0][0].isupper():
        return sentence
    return start


def _leading_filler(word: str, question: bool = False, following: str = "") -> bool:
    if word.endswith(","):
        return True
    if word in {"A", "An"} and following[:1].isupper():
        return False  # "A Unified Approach to ...", "An Image is Worth 16x16 Words"
    return not question and (word.lower() in SMALL or word.lower() in OPENERS)


def sentence_start(text: str, at: int) -> int:
    starts = [m.end() for m in SENTENCE_END.finditer(text[:at])]
    return starts[-1] if starts else 0


def previous_sentence_start(text: str, start: int) -> int:
    return sentence_start(text, max(0, start - 2))


def title_case_ratio(text: str) -> float:
    return _ratio(text, SMALL)


def looks_coined(word: str) -> bool:
    core = word.strip("()[],.:;“”\"'")
    if re.fullmatch(r"[A-Z]+s", core):
        return False  # plural acronyms (GANs, RNNs) are topics, not names
    if not any(c.isalpha() for c in core) or not core[:1].isalnum():
        return False
    has_inner_capital = any(c.isupper() for c in core[1:]) and any(c.islower() for c in core)
    return len(core) >= 3 and (
        has_inner_capital
        or (any(c.isdigit() for c in core) and any(c.isupper() for c in core))
        or ("-" in core and any(c.isupper() for c in core[1:]))
    )


def looks_titled(text: str) -> bool:
    words = text.split()
    if len(words) == 1:
        core = words[0].strip("()[],.:;“”\"'")
        caps = core.isupper() and len(core) >= 3 and core.isalpha()
        return (
            looks_coined(core) or caps or (core[:1].isupper() and len(core) >= 4 and core.isalpha())
        )
    return title_case_ratio(text) >= 0.6 or any(looks_coined(w) for w in words)


NOT_TITLES = re.compile(
    r"^(?:main themes|other things we liked|papers i liked|general impressions|wrapping up|"
    r"introduction|conclusions?|summary|overview|highlights|key takeaways|takeaways|resources|"
    r"references|related work|acknowledg\w+|about( me| us)?|tl;?dr|q&a|questions from audience|"
    r"day \d+.*|session \d+.*|(?:invited )?talks?|keynotes?|tutorials?|orals?|spotlights?|"
    r"posters?|panels?|workshops?|(?:final|closing|concluding|some) (?:thoughts|remarks|words)|"
    r"about the authors?|conclusion and outlook|summary and outlook|"
    r"(?:random|misc|miscellaneous|other|general|some|more|assorted|final|closing|personal)"
    r" (?:thoughts|notes|papers|highlights|remarks|things|stuff|observations|takeaways|bits)|"
    r"honou?rable mentions|best papers?|logistics|venue|food|social events?|parties|recap|"
    r"misc(?:ellaneous)?|notes|links|resources|further reading|bibliography)$",
    re.IGNORECASE,
)


def acceptable_title(title: str) -> bool:
    """Reject fragments that cannot be titles: too short, too long, sentence-like or chrome."""
    words = title.split()
    if not words or len(title) < 3 or len(words) > 24 or NOT_TITLES.match(title.strip()):
        return False
    return not (len(words) == 1 and not looks_titled(title))


# Labels people put before a title: "Follow up read: “...”", "Briefly: XLNet", "Missed: ...",
# an award ("Best paper: RAFT", "Outstanding paper award 2: ..."), or a lead-in in the first
# person ("Three I liked: Mip-NeRF 360: ...", "My pick: ...").
_LABEL_HEAD = re.compile(
    r"^(?:(?:(?:follow[- ]?up|further|bonus|also|quick|honou?rable|related)\s+)?"
    r"(?:read(?:ing)?|briefly|missed|bonus|group|note|update|edit|aside|pick|see also|"
    r"mention|paper|talk|highlight|favou?rite|runner[- ]up|tl;?dr|also)|"
    r"(?:[a-z]{2,8}\s+(?:\d{4}\s+)?)?(?:best|outstanding|distinguished)\s+(?:student\s+)?"
    r"(?:paper|demo|talk|poster)s?(?:\s+awards?)?(?:\s+runner[- ]up)?(?:\s+#?\d{1,2})?|"
    r"test[- ]of[- ]time(?:\s+award)?|honou?rable\s+mentions?|"
    r"(?:[\w'’-]+\s+){0,3}(?:I|we|my|our)(?:\s+[\w'’-]+){0,3})\s*:\s+",
    re.IGNORECASE,
)
_QUOTED_WHOLE = re.compile(r"^[“\"](?P<title>[^“”\"]{4,300})[”\"]\.?$")
_TRAILING_YEAR = re.compile(r"\s+\(?(?:19|20)\d{2}\)?$")


# "[1808.06226] SentencePiece: ...": arXiv's page title (and bookmarks of it) lead with the id.
_ARXIV_PREFIX = re.compile(r"^\[\d{4}\.\d{4,5}(?:v\d{1,2})?\]\s{0,3}")


def clean_title(title: str) -> str:
    """A title without the label before it, the quotes around it, a year or a full stop after
    it: 'Follow up read: “Do GANs learn ...?”' -> 'Do GANs learn ...?', 'DeepLift 2017'
    -> 'DeepLift'."""
    title = _ARXIV_PREFIX.sub("", _LABEL_HEAD.sub("", title.strip(), count=1), count=1)
    if title.count("(") > title.count(")"):  # 'Title (Strubell' cut inside its author list
        title = title[: title.rfind("(")].rstrip()
    whole = _QUOTED_WHOLE.match(title)
    if whole:
        title = whole.group("title")
    title = _TRAILING_YEAR.sub("", title)
    if title.endswith(".") and not title.endswith(("et al.", "etc.", "vs.")):
        title = title[:-1]
    return title.strip(" ,;")


_OWNER = re.compile(r"^(?P<who>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})(?P<sep>['’]s\s+|:\s+)(?=\S)")


def split_owner(title: str) -> tuple[str | None, str]:
    """'Google’s Big Transfer' -> (None, 'Big Transfer'); 'Microsoft: UNITER: ...' ->
    (None, 'UNITER: ...'); 'Kate Crawford: “The Trouble with Bias”' -> ('Kate Crawford',
    'The Trouble with Bias'): the organisation or speaker named before a work is not its
    title (a person is its author)."""
    match = _OWNER.match(title)
    if match is None:
        return None, title
    who, after = match.group("who"), title[match.end() :]
    rest = clean_title(after)
    if is_organisation(who) and rest:
        return None, rest
    # A speaker before a quoted title; unquoted, 'Ask Me Anything: Dynamic Memory ...' may
    # read like a name and is a title's head.
    if match.group("sep").startswith(":") and after[:1] in '“"' and is_person_name(who):
        return who, rest
    return None, title
