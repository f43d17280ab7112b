"""The links of a record judged as a browser reads them (`model.weblinks`):
a URL the schema's pattern accepts is still refused, at its line, when it has
no valid host or leads somewhere else than it reads. Pure: mapping in,
problems out."""

import re

from generator.model.problems import Problem
from generator.model.weblinks import url_problem

# field -> only https (code_url, project_url) or http(s) too (links)
URL_FIELDS = {"code_url": True, "project_url": True, "links": False}


def _pattern(field: str) -> re.Pattern:
    from generator.content.validate import paper_schema  # here: validate's check_paper calls this module
    spec = paper_schema()["properties"][field]
    return re.compile(spec.get("items", spec)["pattern"])


def link_problems(shown: str, data: dict, lines: dict[str, int]) -> list[Problem]:
    """Problems of the record's URLs (`field` or `field[i]`, at their lines);
    values the schema refuses are left to its message."""
    problems = []
    for field, https_only in URL_FIELDS.items():
        value = data.get(field)
        found = [(field, value)] if isinstance(value, str) else \
            [(f"{field}[{index}]", item) for index, item in enumerate(value) if isinstance(item, str)] \
            if isinstance(value, list) else []
        pattern = _pattern(field)
        for where, url in found:
            problem = url_problem(url, https_only) if pattern.search(url) else None
            if problem:
                problems.append(Problem(shown, lines.get(where, lines.get(field, 1)), where, problem))
    return problems
