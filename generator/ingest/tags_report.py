"""`tags-report`: the tagging rules measured against a labelled set of papers
(eval/tags.yaml): precision, recall and counts, overall, for each split and for
each tag, with the papers each tag gets wrong, and the share of the archive
each tag would cover. Pure: text out, nothing written."""

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.content.eval_sets import eval_entries, percent
from generator.content.load import load_archive
from generator.content.store import ContentDir
from generator.content.validate import paper_schema
from generator.ingest.tagging import Tagger
from generator.model.problems import ContentError, Problem, errors


MAX_RECORD_TAGS = paper_schema()["properties"]["tags"]["maxItems"]  # read tags are written into records

@dataclass(frozen=True)
class Labelled:
    slug: str
    split: str
    tags: frozenset[str]
    second_reading: frozenset[str] | None = None  # another reader's labels, when the paper was read twice


@dataclass(frozen=True)
class Scored:
    labelled: Labelled
    assigned: frozenset[str]

    @property
    def correct(self) -> frozenset[str]:
        return self.labelled.tags & self.assigned


def load_labels(path: Path, known_papers: set[str], known_tags: set[str]) -> list[Labelled]:
    """The labelled papers; ContentError naming the line of each problem."""
    entries, problems = eval_entries(path)
    found: list[Labelled] = []
    for where, line, entry in entries:
        if not (isinstance(entry, dict) and isinstance(entry.get("slug"), str)
                and all(_slug_list(entry.get(key, [])) for key in ("tags", "second_reading")) and "tags" in entry):
            problems.append(Problem(str(path), line, where,
                                    "expected slug, split, tags and, optionally, second_reading (lists of tag slugs)"))
            continue
        if entry["slug"] not in known_papers:
            problems.append(Problem(str(path), line, f"{where}.slug", f"no paper {entry['slug']!r} in content/papers"
                                                                      " (renamed or removed? change or drop this entry)"))
        if len(entry["tags"]) > MAX_RECORD_TAGS:
            problems.append(Problem(str(path), line, f"{where}.tags",
                                    f"{len(entry['tags'])} tags: a record takes at most {MAX_RECORD_TAGS}"))
        for key in ("tags", "second_reading"):
            unknown = sorted(set(entry.get(key, [])) - known_tags)
            if unknown:
                problems.append(Problem(str(path), line, f"{where}.{key}", f"not in the vocabulary: {', '.join(unknown)}"))
        second = entry.get("second_reading")
        found.append(Labelled(entry["slug"], str(entry.get("split") or "all"), frozenset(entry["tags"]),
                              None if second is None else frozenset(second)))
    if problems:
        raise ContentError(problems)
    return found


def _slug_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def agreement_line(labels: list[Labelled]) -> str:
    """How far the second reading agrees with the first, on the papers read
    twice: its precision and recall taking the first as right."""
    twice = [label for label in labels if label.second_reading is not None]
    first = sum(len(label.tags) for label in twice)
    second = sum(len(label.second_reading) for label in twice)
    both = sum(len(label.tags & label.second_reading) for label in twice)
    return (f"Papers read twice: {len(twice)}; the second reading gives {second} tags, the first {first}, "
            f"{both} in both (precision {percent(both, second).strip()}, recall {percent(both, first).strip()} "
            f"taking the first as right)")


def _summary_line(name: str, scored: list[Scored], broad: set[str]) -> str:
    assigned = sum(len(s.assigned) for s in scored)
    labelled = sum(len(s.labelled.tags) for s in scored)
    correct = sum(len(s.correct) for s in scored)
    specific = sum(bool(s.correct - broad) for s in scored)
    return (f"{name:<10} {len(scored):>6}  {percent(correct, assigned):>9}  {percent(correct, labelled):>6}  "
            f"{assigned:>8}  {labelled:>8}  {correct:>7}  {specific:>4}/{len(scored)}")


def tags_report(content: ContentDir, labels_path: Path) -> str:
    """The report text for the vocabulary and papers of `content` against the
    labels in `labels_path`."""
    archive, problems = load_archive(content)
    if errors(problems):
        raise ContentError(errors(problems))
    papers = {paper.slug: paper for paper in archive.papers}
    vocabulary = archive.vocabulary
    tagger = Tagger(vocabulary)
    broad = {tag.slug for tag in vocabulary if tag.broad}
    labels = load_labels(labels_path, set(papers), {tag.slug for tag in vocabulary})
    scored = [Scored(label, frozenset(tagger.assign(papers[label.slug].title, papers[label.slug].abstract)))
              for label in labels]
    splits = sorted({s.labelled.split for s in scored})
    share = Counter(tag for paper in archive.papers for tag in tagger.assign(paper.title, paper.abstract))

    lines = [f"Tagging rules against {labels_path}: {len(scored)} labelled papers "
             f"({', '.join(f'{split} {sum(s.labelled.split == split for s in scored)}' for split in splits)})",
             "",
             f"{'':<10} {'papers':>6}  {'precision':>9}  {'recall':>6}  {'assigned':>8}  {'labelled':>8}  "
             f"{'correct':>7}  papers with a correct tag that is not broad ({', '.join(sorted(broad)) or 'none'})",
             _summary_line("all", scored, broad)]
    lines += [_summary_line(split, [s for s in scored if s.labelled.split == split], broad) for split in splits]
    if any(label.second_reading is not None for label in labels):
        lines += ["", agreement_line(labels)]
    lines += ["", f"{'tag':<32} {'labelled':>8} {'assigned':>8} {'correct':>7} {'precision':>9} {'recall':>6}"
                  f"  share of the {len(archive.papers)} papers"]
    wrong: list[str] = []
    for tag in sorted(tag.slug for tag in vocabulary):
        labelled = [s for s in scored if tag in s.labelled.tags]
        assigned = [s for s in scored if tag in s.assigned]
        correct = [s for s in labelled if tag in s.assigned]
        lines.append(f"{tag:<32} {len(labelled):>8} {len(assigned):>8} {len(correct):>7} "
                     f"{percent(len(correct), len(assigned)):>9} {percent(len(correct), len(labelled)):>6}"
                     f"  {percent(share[tag], len(archive.papers))}")
        extra = sorted(s.labelled.slug for s in assigned if tag not in s.labelled.tags)
        missed = sorted(s.labelled.slug for s in labelled if tag not in s.assigned)
        if extra or missed:
            wrong.append(f"{tag}:")
            wrong += [f"  wrongly given: {slug}" for slug in extra]
            wrong += [f"  missed:        {slug}" for slug in missed]
    return "\n".join(lines + ["", "Papers each tag gets wrong", *wrong]) + "\n"
