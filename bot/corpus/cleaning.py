"""What is not prose: boilerplate, e-mail addresses, captions, the end of an article."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_CAPTION = re.compile(r"^\W*(?:fig(?:ure)?\.?|image|photo|source|credit)\s*\d*\s*[:.\-–]", re.I)

# Lines of comment forms, share widgets and blog chrome. Matched case-insensitively against
# a whole line (or its start), so prose that merely contains the words survives.
_BOILERPLATE = re.compile(
    r"""^(?:
        leave\ a\ (?:reply|comment)
      | your\ email\ address\ will\ not\ be\ published
      | required\ fields\ are\ marked
      | (?:post|submit)\ comment
      | notify\ me\ of\ (?:follow-up\ comments|new\ posts)
      | save\ my\ name,\ email
      | share\ this(?:\ post|\ article)?:?$
      | (?:click\ to\ )?share\ on\ \w+
      | related\ posts?:?$
      | tags?:\s
      | categories?:\s
      | filed\ under
      | posted\ (?:in|on|by|:)
      | comments?\ \(\d+\)
      | \d+\ comments?$
      | subscribe\ to\ (?:our|the)\ newsletter
      | (?:this\ )?(?:website|site)\ uses\ cookies
      | we\ use\ cookies
      | accept\ (?:all\ )?cookies
      | skip\ to\ (?:main\ )?content
      | previous\ post | next\ post
      | read\ more$
      | all\ rights\ reserved
      | ©
      | copyright\ ©?\s*\d{4}
      | about\ the\ authors?:?$
      | like\ this:?$
      | like\ loading
      | loading\.\.\.$
      | \d+\ (?:thoughts?|responses?|replies|comments?)\ (?:on|to)\b
      | reply$
      | (?:twitter|facebook|reddit|linkedin|email|print|pocket|telegram|whatsapp|tumblr|
         pinterest|mastodon|hacker\ news|more)$
      | [a-z]+\ \d{1,2},\ \d{4}\ at\ \d{1,2}:\d{2}\s*(?:am|pm)?$
      | .{1,60}\ says:$
      | you\ may\ also\ like
      | (?:to|cc|bcc):\s
      | (?:hi|hello|hey|dear)\b[^.!?]{0,40}[,!:]?$
      | (?:cheers|best|thanks|thank\ you|regards|best\ regards|kind\ regards|all\ the\ best|
         take\ care|see\ you)\b[\s,!.]*(?:[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)?[.!]?$
      | (?:photo|image|picture|illustration|cover\ image)s?\ (?:by|from|credit|courtesy|source)\b
      | \d+\ min\ read$
      | (?:sign\ up\ for|get\ this\ newsletter|written\ by|follow$|take\ a\ look\.?$)
      | (?:more\ from|recommended\ from)\s
      | we\ are\ hiring
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def remove_emails(text: str) -> str:
    """Drop e-mail addresses (and the dash that often ties them to a name)."""
    return EMAIL.sub("", text).rstrip(" –-:|")


def has_email(text: str) -> bool:
    return bool(EMAIL.search(text))


# Where the article ends and the page's furniture begins (bio, sharing, comments).
_ARTICLE_END = re.compile(
    r"^(?:about the authors?|about me|share this|like this|leave a (?:reply|comment)|"
    r"related posts?|you may also like|\d+ (?:thoughts?|responses?|replies|comments?)\b|"
    r"more from |sign up for |written by |recommended from medium)",
    re.IGNORECASE,
)


def is_article_end(line: str) -> bool:
    """A line that starts the page furniture after an article ('About the author', ...)."""
    return bool(_ARTICLE_END.match(line.strip()))


def is_boilerplate(line: str) -> bool:
    """A comment-form, sharing, cookie or navigation line."""
    return bool(_BOILERPLATE.match(line.strip()))


def is_caption(line: str) -> bool:
    """A figure caption such as 'Figure 2: ICML 2019 Schedule'."""
    return bool(_CAPTION.match(line.strip().strip("*_ ")))
