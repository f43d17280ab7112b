"""Synthesise a complete content/ directory of N realistic paper records.

    python -m bench.synth 20000 /tmp/bench-x/content [--seed 0] [--no-real]

Records are made from the real ones in content/papers/: titles recombine title
words (a word-bigram chain over the real titles), abstracts recombine sentences
(about half from one "base" real paper, the rest from others), tags come from the
base paper's tags with the odd extra tag from the real vocabulary, dates spread
over the ten years up to the newest capture date with about 30% undated, plus
author counts, organisations, upvotes, links and arXiv ids on a share of papers.
tags.yaml, sources.yaml and the dumps are copied, so `python -m generator
--content DIR check` passes. By default the real records are included as they are
(so N >= the real count means a re-import of the dumps changes nothing); with
--no-real every record is synthetic. The same arguments always give the same bytes.
"""

import argparse
import importlib.util
import datetime as dt
import random
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if importlib.util.find_spec("generator") is None:  # not installed: use this checkout
    sys.path.insert(0, str(ROOT))

from generator.model.slugs import is_valid_slug, unique_slug  # noqa: E402
from generator.content.store import ContentDir  # noqa: E402
from generator.model.text import find_links  # noqa: E402
from generator.content.load import load_archive, load_yaml_file  # noqa: E402
from generator.content.yamlio import dump_mapping  # noqa: E402
from generator.model.paper import FIELD_ORDER

REAL_CONTENT = ROOT / "content"
NEWEST_DATE = dt.date(2026, 4, 16)   # the newest capture date in content/sources.yaml
DATE_SPAN_DAYS = 3652                # ten years back from it
UNDATED_SHARE = 0.30
ORGANIZATIONS = (
    "Google DeepMind", "Meta AI", "Microsoft Research", "OpenAI", "Anthropic", "NVIDIA",
    "Alibaba Group", "Tsinghua University", "Peking University", "Stanford University",
    "MIT", "Carnegie Mellon University", "UC Berkeley", "ETH Zurich", "University of Oxford",
    "Shanghai AI Laboratory", "ByteDance", "Tencent", "Hugging Face", "Allen Institute for AI",
    "Mila", "KAIST", "University of Tokyo", "Apple", "Salesforce Research",
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")


class TitleChain:
    """A word-bigram chain over real titles: realistic word order, new titles."""

    def __init__(self, titles: list[str]):
        self.next_words: dict[str, list[str]] = defaultdict(list)
        self.starts: list[str] = []
        self.names: list[str] = []  # the "Name" of "Name: description" titles
        for title in titles:
            name = title.split(":", 1)[0].strip() if ":" in title else ""
            if name and len(name.split()) <= 3:
                self.names.append(name)
            words = title.split()
            if not words:
                continue
            self.starts.append(words[0])
            for current, following in zip(["^"] + words, words + ["$"]):
                self.next_words[current].append(following)

    def title(self, rng: random.Random) -> str:
        words = [rng.choice(self.starts)]
        while len(words) < 18:
            choices = self.next_words.get(words[-1])
            if not choices:
                break
            word = rng.choice(choices)
            if word == "$":
                if len(words) >= 4:
                    break
                continue_choices = [w for w in choices if w != "$"]
                if not continue_choices:
                    break
                word = rng.choice(continue_choices)
            words.append(word)
        return " ".join(words)


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def _skewed_int(rng: random.Random, low: int, high: int, skew: float = 2.5) -> int:
    """An integer in [low, high], small values more likely."""
    return low + int((high - low + 1) * (rng.random() ** skew))


def synthesise(count: int, target: Path, seed: int = 0, include_real: bool = True,
               real: Path = REAL_CONTENT) -> dict[str, int]:
    """Write target/{papers/, tags.yaml, sources.yaml, dumps/}; return counts."""
    rng = random.Random(seed)
    real_content = ContentDir(real)
    archive, problems = load_archive(real_content)
    if problems:
        raise SystemExit(f"the real content has {len(problems)} problems; run `python -m generator check`")
    if target.exists():
        shutil.rmtree(target)
    papers_dir = target / "papers"
    papers_dir.mkdir(parents=True)
    shutil.copyfile(real_content.tags_file, target / "tags.yaml")
    shutil.copyfile(real_content.sources_file, target / "sources.yaml")
    shutil.copytree(real_content.dumps, target / "dumps")

    real_papers = list(archive.papers)
    tag_slugs = [tag.slug for tag in archive.vocabulary]
    dump_files = [source.file for source in archive.sources]
    chain = TitleChain([paper.title for paper in real_papers])
    pool = [sentence for paper in real_papers for sentence in sentences(paper.abstract)]
    by_paper = {paper.slug: sentences(paper.abstract) for paper in real_papers}

    taken: set[str] = set()
    seen_titles: set[str] = set()
    seen_abstracts: set[str] = set()
    written = {"real": 0, "synthetic": 0, "invalid_slugs_skipped": 0}
    if include_real:
        for path in real_content.paper_entries()[:count]:
            shutil.copyfile(path, papers_dir / path.name)
            data = load_yaml_file(path).data
            taken.add(path.stem)
            seen_titles.add(" ".join(data["title"].split()).casefold())
            seen_abstracts.add(" ".join(data["abstract"].split()).casefold())
            written["real"] += 1

    while written["real"] + written["synthetic"] < count:
        base = rng.choice(real_papers)
        title = chain.title(rng)
        if chain.names and rng.random() < 0.2 and ":" not in title:  # "Name: description" titles
            title = f"{rng.choice(chain.names)}: {title}"
        if " ".join(title.split()).casefold() in seen_titles:
            continue
        own = by_paper[base.slug]
        keep = own[:rng.randint(1, max(1, len(own) // 2))]
        extra = [rng.choice(pool) for _ in range(rng.randint(2, 7))]
        abstract = " ".join(keep + extra)
        abstract_key = " ".join(abstract.split()).casefold()
        if abstract_key in seen_abstracts:
            continue
        seen_titles.add(" ".join(title.split()).casefold())
        seen_abstracts.add(abstract_key)

        tags = set(base.tags)
        if rng.random() < 0.3:
            tags.add(rng.choice(tag_slugs))
        if len(tags) > 1 and rng.random() < 0.2:
            tags.discard(rng.choice(sorted(tags)))
        record: dict = {
            "title": title,
            "tags": sorted(tags)[:5],
            "sources": sorted(rng.sample(dump_files, 1 if rng.random() < 0.85 else 2)),
            "abstract": abstract,
        }
        published = None
        if rng.random() >= UNDATED_SHARE:
            published = NEWEST_DATE - dt.timedelta(days=rng.randrange(DATE_SPAN_DAYS))
            record["published"] = published.isoformat()
        if rng.random() < 0.6:
            record["authors_count"] = _skewed_int(rng, 1, 40)
        if rng.random() < 0.25:
            record["organization"] = rng.choice(ORGANIZATIONS)
        if rng.random() < 0.4:
            record["upvotes"] = _skewed_int(rng, 0, 300, 3.0)
        links = list(find_links(abstract))
        slug = unique_slug(title, taken)
        if not is_valid_slug(slug):  # unique_slug can cut before a hyphen ("...--1b6be799"): skip the title
            written["invalid_slugs_skipped"] += 1
            continue
        if rng.random() < 0.15:
            links.append(f"https://github.com/example-lab/{slug[:40].rstrip('-')}")
        if links:
            record["links"] = list(dict.fromkeys(links))
        if published and rng.random() < 0.3:
            record["arxiv_id"] = f"{published:%y%m}.{rng.randrange(100000):05d}"
        taken.add(slug)
        (papers_dir / f"{slug}.yaml").write_text(dump_mapping(record, FIELD_ORDER), encoding="utf-8", newline="\n")
        written["synthetic"] += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help="number of paper records in total")
    parser.add_argument("target", type=Path, help="the content directory to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-real", action="store_true", help="synthetic records only, no real ones")
    args = parser.parse_args(argv)
    written = synthesise(args.count, args.target, args.seed, include_real=not args.no_real)
    print(f"{args.target}: {written['real']} real + {written['synthetic']} synthetic papers"
          f" ({written['invalid_slugs_skipped']} titles skipped: unique_slug gave an invalid slug)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
