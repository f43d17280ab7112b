"""A web link judged as a browser reads it: WHATWG URL parsing (ada), the same
reading `check-site` gives a built page. `url_problem` refuses what a person
could misread (the host a browser goes to is not the one written), and
`url_host` is the host the browser goes to, for labels."""

import re
from urllib.parse import urlsplit

from ada_url import URL, idna_to_ascii

EXAMPLE = "expected a URL such as https://github.com/org/repo"
# Characters a WHATWG parser drops or trims silently: C0 controls, space, DEL.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def _shown(url: str) -> str:
    return repr(url if len(url) <= 80 else url[:77] + "...")


def _parsed(url: str) -> URL | None:
    try:
        return URL(url)
    except ValueError:
        return None


def url_host(url: str) -> str:
    """The host a browser goes to, lower case (IDNA ASCII form, IPv6 in
    brackets); empty when the URL has none or does not parse."""
    parsed = _parsed(url)
    return parsed.hostname if parsed is not None else ""


def _written_host(url: str) -> str | None:
    """The host as a person reads it: after `//`, before the path; IDNA form."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    if ":" in host:  # an IPv6 address, written in brackets
        return f"[{host}]"
    try:
        return idna_to_ascii(host).decode("ascii") or None
    except (UnicodeError, ValueError):
        return None


def _authority(url: str) -> str:
    """The text between `//` and the path, query or fragment."""
    return re.split(r"[/?#]", url.split("//", 1)[-1], maxsplit=1)[0]


def url_problem(url: str, https_only: bool = False) -> str | None:
    """Why a link cannot be published as written, or None: it must be an
    http(s) URL (https with `https_only`) with a valid host, no user name or
    password, no backslash or invisible character, and the host a browser goes
    to must be the host written after `//`."""
    shown = _shown(url)
    scheme = "https://" if https_only else "http:// or https://"
    if not url.lower().startswith(("https://",) if https_only else ("http://", "https://")):
        return f"{shown} does not start with {scheme}; {EXAMPLE}"
    if _INVISIBLE.search(url):
        return f"{shown} has a space or control character; {EXAMPLE}"
    parsed = _parsed(url)
    if parsed is None or not parsed.hostname:
        return f"{shown} has no valid host name; {EXAMPLE}"
    host = parsed.hostname
    if "\\" in url:
        return f"{shown} has a backslash, which a browser reads as `/` (it goes to {host}); {EXAMPLE}"
    if parsed.username or parsed.password or "@" in _authority(url):
        return f"{shown} has a user name or password before its host (it goes to {host}); {EXAMPLE}"
    if _written_host(url) != host:
        return f"{shown} leads a browser to {host}, not to the host written; {EXAMPLE}"
    return None
