"""`check` judges a record's links on the host a browser goes to."""

from generator.content.link_rules import link_problems

EXAMPLE = "expected a URL such as https://github.com/org/repo"


def test_a_url_with_no_valid_host_is_refused_at_its_line():
    data = {"links": ["https://github.com/org/repo", "https://[x]/"]}
    assert [problem.text() for problem in link_problems("content/papers/p.yaml", data, {"links[1]": 9})] == [
        f"content/papers/p.yaml:9: links[1]: 'https://[x]/' has no valid host name; {EXAMPLE}"]


def test_a_url_that_leads_elsewhere_than_it_reads():
    data = {"code_url": "https://evil.example\\@github.com/org/repo", "project_url": "https://github.com@evil.example/"}
    assert [problem.text() for problem in link_problems("p.yaml", data, {"code_url": 10, "project_url": 11})] == [
        "p.yaml:10: code_url: 'https://evil.example\\\\@github.com/org/repo' has a backslash, which a browser reads "
        f"as `/` (it goes to evil.example); {EXAMPLE}",
        "p.yaml:11: project_url: 'https://github.com@evil.example/' has a user name or password before its host "
        f"(it goes to evil.example); {EXAMPLE}"]


def test_what_the_schema_refuses_is_left_to_its_message():
    assert link_problems("p.yaml", {"code_url": "http://github.com/org/repo", "links": ["ftp://x.org/", 3]}, {}) == []
    assert link_problems("p.yaml", {"links": ["https://github.com/org/repo"], "code_url": "https://a.org/"}, {}) == []
