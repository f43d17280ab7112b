"""`enrich`: fill the empty fields of records from Hugging Face Papers.

Each paper without an `arxiv_id` has its title searched (`hf_papers`); a result
is accepted only when its title equals the record's once case, whitespace and
punctuation are set aside (`title_key`) AND its summary agrees with the
record's abstract (`abstract_agreement` >= SAME_ABSTRACT). When results of two or
more arXiv ids pass both, the paper is ambiguous and left alone. An accepted
result fills only fields that are empty (ENRICHED_FIELDS), with values
`check` accepts (a value it would refuse is reported, one line naming the
paper and the field): a value a contributor or a dump set is never changed.

Matching and merging are pure (`decide`, `fill`); `run_enrich` does the I/O
through the store, the answer cache and the client."""

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jsonschema

from generator.content.load import load_record
from generator.content.store import CacheDir, ContentDir, display_path, write_atomic
from generator.content.validate import FUTURE_DAYS_ALLOWED, paper_schema
from generator.content.yamlio import dump_mapping, forbidden_character
from generator.ingest.hf_papers import Candidate, LookupFailed, PapersClient, progress
from generator.model.likeness import SAME_ABSTRACT, abstract_agreement, title_key
from generator.model.paper import FIELD_ORDER
from generator.model.problems import ContentError, Problem, printable
from generator.model.text import is_one_line, normalise_whitespace
from generator.model.weblinks import url_problem

MATCHED, AMBIGUOUS, NOT_FOUND, FAILED = "matched", "ambiguous", "not found", "failed"
OUTCOMES = (MATCHED, AMBIGUOUS, NOT_FOUND, FAILED)
ENRICHED_FIELDS = ("arxiv_id", "authors", "published", "code_url", "project_url")
URL_FIELDS = ("code_url", "project_url")

# After this many failed searches in a row the service is taken to be down: the
# rest are reported as failed without asking (the next run tries them again).
FAILURES_IN_A_ROW = 5

@dataclass(frozen=True)
class Decision:
    outcome: str                  # MATCHED, AMBIGUOUS or NOT_FOUND
    candidate: Candidate | None   # the accepted result when MATCHED
    detail: str                   # why, in a few words


def decide(title: str, abstract: str, candidates: list[Candidate]) -> Decision:
    """Which search result, if any, is this paper."""
    usable = [candidate for candidate in candidates if _valid("arxiv_id", candidate.arxiv_id)]
    named = [candidate for candidate in usable if title_key(candidate.title) == title_key(title)]
    if not named:
        count = len(candidates)
        return Decision(NOT_FOUND, None, f"no result has this title ({count} result{'s' if count != 1 else ''})")
    scored = sorted(((abstract_agreement(abstract, candidate.summary), candidate) for candidate in named),
                    key=lambda pair: (-pair[0], pair[1].arxiv_id))
    agreeing = [(score, candidate) for score, candidate in scored if score >= SAME_ABSTRACT]
    if not agreeing:
        score, candidate = scored[0]
        return Decision(NOT_FOUND, None, f"{candidate.arxiv_id} has this title but its abstract does not agree "
                                         f"({score:.2f} < {SAME_ABSTRACT:.2f})")
    ids = sorted({candidate.arxiv_id for _, candidate in agreeing})
    if len(ids) > 1:
        return Decision(AMBIGUOUS, None, f"{len(ids)} results have this title and abstract: {', '.join(ids)}")
    score, candidate = agreeing[0]
    return Decision(MATCHED, candidate, f"{candidate.arxiv_id} (abstract agreement {score:.2f})")


def fill(record: dict, candidate: Candidate, today: dt.date) -> dict:
    """The record with its empty ENRICHED_FIELDS filled from `candidate`, each
    only with a value `check` accepts; every other value is kept."""
    return {**record, **offered(record, candidate, today)[0]}


def offered(record: dict, candidate: Candidate, today: dt.date) -> tuple[dict, list[tuple[str, str]]]:
    """What `candidate` may fill in the record's empty ENRICHED_FIELDS, and
    (field, why) for each value it offers there that `check` would refuse."""
    values = {
        "arxiv_id": candidate.arxiv_id,
        "authors": [normalise_whitespace(name) for name in candidate.authors] or None,
        "published": candidate.published,
        "code_url": candidate.code_url,
        "project_url": candidate.project_url,
    }
    accepted, refused = {}, []
    for key, value in values.items():
        if not _empty(record.get(key)) or value is None:
            continue
        problem = value_problem(key, value, today)
        if problem:
            refused.append((key, problem))
        else:
            accepted[key] = value
    return accepted, refused


def _empty(value) -> bool:
    return value is None or value == "" or value == []


@cache
def _validator(key: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(paper_schema()["properties"][key])


# Line breaks for YAML (libyaml) but not for an editor or GitHub: never written.
_YAML_BREAKS = re.compile("[\u0085\u2028\u2029]")


def value_problem(key: str, value, today: dt.date | None = None) -> str | None:
    """Why `check` would refuse `value` in field `key`, in a few words; None
    when it would accept it."""
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if not isinstance(text, str):
            return "not text"
        if not is_one_line(text) or _YAML_BREAKS.search(text):
            return f"{text!r} is not one line"
        if forbidden_character(text):
            return f"{text!r}: {forbidden_character(text)}"
    if key in URL_FIELDS:
        problem = url_problem(value, https_only=True)
        if problem:
            return problem
    if not _validator(key).is_valid(value):
        return f"{value!r} is not a valid {key}"
    if key == "published":
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a date"
        if date > (today or dt.date.today()) + dt.timedelta(days=FUTURE_DAYS_ALLOWED):
            return f"{value} is in the future"
    return None


def _valid(key: str, value, today: dt.date | None = None) -> bool:
    return value_problem(key, value, today) is None


def diff(shown: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{shown}", tofile=f"b/{shown}"))


@dataclass
class EnrichReport:
    found: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: {outcome: [] for outcome in OUTCOMES})
    diffs: list[str] = field(default_factory=list)  # what was (or, in a dry run, would be) written
    refused: list[str] = field(default_factory=list)  # one line per value a match offered that check refuses
    asked: int = 0           # searches sent
    cached: int = 0          # searches answered from the cache
    already: int = 0         # papers that have an arXiv id: nothing to look up

    def add(self, outcome: str, shown: str, detail: str) -> None:
        self.found[outcome].append((shown, detail))

    def lines(self, outcome: str) -> list[str]:
        """One printable line per paper with this outcome."""
        return [printable(f"{outcome}: {shown}: {detail}") for shown, detail in self.found[outcome]]

    def summary(self) -> str:
        counts = ", ".join(f"{len(self.found[outcome])} {outcome}" for outcome in OUTCOMES)
        return (f"{counts} ({self.asked} searched, {self.cached} answered from the cache, "
                f"{self.already} already with an arXiv id)")


def select(content: ContentDir, names: list[str]) -> list[Path]:
    """The paper files to enrich: each name a slug or a path to a file in
    content/papers/; no name, every file there."""
    if not names:
        return content.paper_entries()
    chosen, problems = [], []
    papers = content.papers.resolve()
    for name in names:
        path = Path(name) if "/" in name else content.paper_path(name.removesuffix(".yaml"))
        if path.suffix != ".yaml" or path.resolve().parent != papers:
            problems.append(Problem(display_path(path), 1, "-", f"not a paper file in {display_path(content.papers)}"))
        elif not path.is_file():
            problems.append(Problem(display_path(path), 1, "-", "no such paper"))
        else:
            chosen.append(content.papers / path.name)
    if problems:
        raise ContentError(problems)
    return sorted(set(chosen))


def run_enrich(content: ContentDir, names: list[str], client: PapersClient, answers: CacheDir,
               dry_run: bool = False, today: dt.date | None = None, show_progress: bool = True) -> EnrichReport:
    """Look up every chosen paper without an arXiv id and fill what a match
    offers. A failed search is reported and the run goes on; answers are cached
    (not in a dry run, which writes nothing)."""
    today = today or dt.date.today()
    records, problems = {}, []
    for path in select(content, names):
        loaded, data, found = load_record(path)
        problems += found
        if data is not None and not found:
            records[path] = (loaded.text, data)
    if problems:  # never rewrite content we cannot read: the edits could be lost
        raise ContentError(sorted(problems))

    report = EnrichReport()
    todo = [path for path, (_, data) in records.items() if _empty(data.get("arxiv_id"))]
    report.already = len(records) - len(todo)
    failures = 0
    for path in progress(todo, show_progress):
        text, data = records[path]
        shown = display_path(path)
        title, abstract = data.get("title"), data.get("abstract")
        if not isinstance(title, str) or not isinstance(abstract, str):
            report.add(FAILED, shown, "a title and an abstract are needed to match")
            continue
        try:
            candidates = _answer(client, answers, title, report, dry_run, failures)
        except LookupFailed as error:
            failures += 1
            report.add(FAILED, shown, str(error))
            continue
        failures = 0
        decision = decide(title, abstract, candidates)
        detail = decision.detail
        if decision.candidate is not None:
            accepted, refused = offered(data, decision.candidate, today)
            report.refused += [printable(f"refused: {shown}: {key}: {why}") for key, why in refused]
            merged = {**data, **accepted}
            detail += "; filled " + ", ".join(key for key in ENRICHED_FIELDS if merged.get(key) != data.get(key))
            after = dump_mapping(merged, FIELD_ORDER)
            if after != text:
                report.diffs.append(diff(shown, text, after))
                if not dry_run:
                    write_atomic(path, after)
        report.add(decision.outcome, shown, detail)
    return report


def _answer(client: PapersClient, answers: CacheDir, query: str, report: EnrichReport,
            dry_run: bool, failures: int) -> list[Candidate]:
    """The results of searching `query`: from the cache when it was asked
    before at this endpoint, else from the client (then cached) unless the
    last FAILURES_IN_A_ROW searches failed."""
    key = f"{client.endpoint}/api/papers/search?q={query}"
    stored = answers.get(key)
    if isinstance(stored, list):
        try:
            candidates = [Candidate.from_json(item) for item in stored]
        except ValueError:
            pass
        else:
            report.cached += 1
            return candidates
    if failures >= FAILURES_IN_A_ROW:
        raise LookupFailed(f"not searched: the last {failures} searches failed")
    report.asked += 1
    candidates = client.search(query)
    if not dry_run:
        answers.put(key, [candidate.to_json() for candidate in candidates])
    return candidates
