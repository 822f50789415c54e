"""Link targets as readers find them, made canonical: redirect wrappers and trackers removed."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlparse, urlunparse

_ARXIV = re.compile(
    r"arxiv\.org/(?:abs|pdf|html)/(?P<id>\d{4}\.\d{4,5}|[a-z\-]{1,20}(?:\.[A-Z]{2})?/\d{7})",
    re.IGNORECASE,
)
# Hosts that wrap the real target in a query parameter (Google Docs exports, Facebook,
# Outlook safe links, Medium's redirect).
_WRAPPERS = {
    "www.google.com": "q",
    "google.com": "q",
    "l.facebook.com": "u",
    "safelinks.protection.outlook.com": "url",
    "medium.com": "url",
}
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|ref_src|source|sa|ust|usg)$")


def clean_url(url: str) -> str:
    """The URL a link really points at: unwrapped from redirectors, trackers dropped."""
    url = url.strip()
    for _ in range(2):  # a wrapped link inside a wrapped link is as deep as it gets
        parsed = urlparse(url)
        host = parsed.netloc.lower()
        parameter = _WRAPPERS.get(host) or (
            "url" if host.endswith("safelinks.protection.outlook.com") else None
        )
        if parameter and parsed.path in {"/url", "/l.php", "/", "/r"}:
            inner = parse_qs(parsed.query).get(parameter)
            if inner and inner[0].startswith(("http://", "https://")):
                url = inner[0]
                continue
        break
    parsed = urlparse(url)
    if parsed.query:
        kept = [(k, v) for k, v in parse_qs(parsed.query).items() if not _TRACKING.match(k)]
        query = urlencode([(k, value) for k, values in kept for value in values])
        url = urlunparse(parsed._replace(query=query))
    return url


def arxiv_id(url: str) -> str | None:
    """The arXiv identifier a URL points at (version suffix dropped), if any."""
    match = _ARXIV.search(url)
    return match.group("id") if match else None


def arxiv_url(identifier: str) -> str:
    return f"https://arxiv.org/abs/{identifier}"


def is_web_url(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def fold_space(text: str) -> str:
    """Collapse runs of white space to single spaces and trim."""
    return " ".join(text.split())


def is_homepage(url: str) -> bool:
    """True for a site's front page (no path), which names an organisation, not a paper."""
    parsed = urlparse(url)
    return bool(parsed.netloc) and parsed.path.strip("/") == "" and not parsed.query
