import pytest

from generator.model.weblinks import url_host, url_problem

EXAMPLE = "expected a URL such as https://github.com/org/repo"


@pytest.mark.parametrize("url, host", [
    ("https://github.com/org/repo", "github.com"),
    ("https://GitHub.com:443/org", "github.com"),
    ("http://1.2.3.4/x", "1.2.3.4"),
    ("https://[::1]/", "[::1]"),
    ("https://münchen.de/", "xn--mnchen-3ya.de"),
    ("https://ｇｉｔｈｕｂ.com/", "github.com"),          # full-width letters: a browser maps them
])
def test_plain_urls_pass_and_give_the_browsers_host(url, host):
    assert url_problem(url) is None
    assert url_host(url) == host


@pytest.mark.parametrize("url, message", [
    ("https://[x]/", f"'https://[x]/' has no valid host name; {EXAMPLE}"),
    ("https://git hub.com/", f"'https://git hub.com/' has a space or control character; {EXAMPLE}"),
    ("https://a\tb.com/", f"'https://a\\tb.com/' has a space or control character; {EXAMPLE}"),
    ("ftp://x.org/", f"'ftp://x.org/' does not start with http:// or https://; {EXAMPLE}"),
    ("javascript:alert(1)", f"'javascript:alert(1)' does not start with http:// or https://; {EXAMPLE}"),
    ("https:github.com/a", f"'https:github.com/a' does not start with http:// or https://; {EXAMPLE}"),
    ("https://evil.example\\@github.com/org/repo",
     f"'https://evil.example\\\\@github.com/org/repo' has a backslash, which a browser reads as `/` "
     f"(it goes to evil.example); {EXAMPLE}"),
    ("https://github.com@evil.example/org",
     f"'https://github.com@evil.example/org' has a user name or password before its host "
     f"(it goes to evil.example); {EXAMPLE}"),
    ("https://:@x.com/", f"'https://:@x.com/' has a user name or password before its host (it goes to x.com); {EXAMPLE}"),
    ("https://0x7f.1/", f"'https://0x7f.1/' leads a browser to 127.0.0.1, not to the host written; {EXAMPLE}"),
    ("https://git%68ub.com/", f"'https://git%68ub.com/' leads a browser to github.com, not to the host written; {EXAMPLE}"),
])
def test_urls_a_person_could_misread_are_refused(url, message):
    assert url_problem(url) == message


def test_https_only_refuses_http():
    assert url_problem("http://github.com/org/repo", https_only=True) == (
        f"'http://github.com/org/repo' does not start with https://; {EXAMPLE}")
    assert url_problem("https://github.com/org/repo", https_only=True) is None


def test_the_host_is_the_one_a_browser_goes_to():
    assert url_host("https://evil.example\\@github.com/org/repo") == "evil.example"
    assert url_host("https://github.com@evil.example/") == "evil.example"
    assert url_host("https://[x]/") == ""
    assert url_host("not a url") == ""


def test_a_long_url_is_shortened_in_the_message():
    url = "https://[" + "x" * 200 + "]/"
    assert url_problem(url) == f"{url[:77] + '...'!r} has no valid host name; {EXAMPLE}"
