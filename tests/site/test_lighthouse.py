"""Lighthouse (npm, pinned in package-lock.json) on the home, a paper and a tag
page, mobile and desktop, served with gzip: at least 95 in performance,
accessibility, best practices and SEO. Failures caused only by this machine
having no internet (the repository badge's requests to GitHub) are excused."""

import json
import subprocess

import pytest

from tests.site.gzip_server import GzipServer
from tests.site.node_tools import LIGHTHOUSE, node_tools
from tests.site.test_browser import ARTIFACTS
from tests.support import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

PAGES = {"home": "", "paper": "papers/adamerging-adaptive-model-merging-for-multi-task-learning/",
         "tag": "tags/model-merging/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
REQUIRED = 0.95
RUNS = 3  # performance varies with the machine's load: the best of up to three runs counts
OFFLINE = ("ERR_NAME_NOT_RESOLVED", "ERR_INTERNET_DISCONNECTED", "ERR_CONNECTION_REFUSED", "ERR_ADDRESS_UNREACHABLE")


@pytest.fixture(scope="module")
def served(built_site):
    node_tools()
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with GzipServer(built_site) as url:
        yield url


def lighthouse(url: str, form_factor: str, categories: list[str], output) -> dict:
    command = ["node", str(LIGHTHOUSE), url, "--quiet", f"--chrome-path={CHROMIUM}",
               "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS]),
               "--only-categories=" + ",".join(categories), "--output=json", f"--output-path={output}"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    result = subprocess.run(command, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(output.read_text("utf-8"))


def offline_only(audit: dict) -> bool:
    """An audit that failed only on requests that left this host and could not resolve."""
    items = (audit.get("details") or {}).get("items") or []
    return bool(items) and all(
        any(reason in item.get("description", "") for reason in OFFLINE)
        and not (item.get("sourceLocation") or {}).get("url", "").startswith("http://127.0.0.1")
        for item in items)


def scores(report: dict) -> tuple[dict[str, float], list[str]]:
    """Each category's score, with offline-only failures counted as passed; and what failed."""
    found, failing = {}, []
    for name, category in report["categories"].items():
        total = weight = 0.0
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if not ref["weight"] or audit["score"] is None:
                continue
            score = 1.0 if audit["score"] < 1 and offline_only(audit) else audit["score"]
            total += score * ref["weight"]
            weight += ref["weight"]
            if score < 1:
                failing.append(f"{name}: {ref['id']} {audit['score']} {audit.get('displayValue', '')}".strip())
        found[name] = round(total / weight, 2) if weight else category["score"]
    return found, failing


@pytest.mark.parametrize("form_factor", ["mobile", "desktop"])
@pytest.mark.parametrize("name", list(PAGES))
def test_lighthouse_scores_at_least_95(served, tmp_path, name, form_factor):
    report = lighthouse(served + PAGES[name], form_factor, CATEGORIES, tmp_path / "report.json")
    found, failing = scores(report)
    for _ in range(RUNS - 1):
        if found["performance"] >= REQUIRED:
            break
        again, _ = scores(lighthouse(served + PAGES[name], form_factor, ["performance"], tmp_path / "again.json"))
        found["performance"] = max(found["performance"], again["performance"])
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "lighthouse.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[f"{name} {form_factor}"] = {"scores": found, "below_full_marks": failing}
    path.write_text(json.dumps(data, indent=1))
    assert {category: score for category, score in found.items() if score < REQUIRED} == {}, failing
