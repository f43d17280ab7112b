"""The GitHub workflows: linted with actionlint, held to the security rules,
and their steps run for real from a fresh clone (GitHub is not reachable here).
They install dependencies only from the hashed locks under requirements/."""

import filecmp
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from tests.support import ROOT
from generator.content.yamlio import dump_mapping, load_mapping
from generator.model.paper import FIELD_ORDER

WORKFLOWS = ROOT / ".github" / "workflows"
REQUIREMENTS = ROOT / "requirements"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")
# Steps that set up a GitHub runner; this machine (and .ci/run) has done that already.
RUNNER_SETUP = {"Install Chromium for the browser tests"}
# The test-suite step is this very suite: running it here again would recurse.
SELF = {"Test suite"}


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))


def uses_lines() -> list[str]:
    return [line.split("uses:", 1)[1].strip() for path in WORKFLOWS.glob("*.yml")
            for line in path.read_text("utf-8").splitlines() if "uses:" in line]


def steps(name: str, job: str) -> dict[str, dict]:
    return {step.get("name", step.get("uses", "")): step for step in workflow(name)["jobs"][job]["steps"]}


def test_actionlint_passes():
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert actionlint, "actionlint is installed with the test extra"
    result = subprocess.run([actionlint, "-no-color"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version():
    found = uses_lines()
    assert found and all(PINNED.match(line) for line in found), found


def test_pull_request_check_is_read_only_and_untrusted_text_stays_out_of_run():
    check = workflow("check.yml")
    assert "pull_request" in check[True] and "pull_request_target" not in check[True]  # `on:` loads as True
    assert check["permissions"] == {"contents": "read"}
    for path in WORKFLOWS.glob("*.yml"):
        text = path.read_text("utf-8")
        if path.name == "enrich.yml":  # one optional secret of the scheduled run: one step's environment, never `run`
            assert text.count("S2_API_KEY: ${{ secrets.S2_API_KEY }}") == 1
            text = text.replace("S2_API_KEY: ${{ secrets.S2_API_KEY }}", "")
        assert "secrets." not in text
        for step in (s for job in yaml.safe_load(text)["jobs"].values() for s in job["steps"]):
            assert "${{" not in step.get("run", ""), step
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_publish_builds_read_only_and_deploys_with_pages_rights_only():
    publish = workflow("publish.yml")
    assert publish["permissions"] == {"contents": "read"}
    assert publish["concurrency"]["group"]
    deploy = publish["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "permissions" not in publish["jobs"]["build"]
    assert set(publish[True]) == {"push", "workflow_dispatch"}


def run_step(clone: Path, step: dict, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=clone, capture_output=True, text=True,
                          env={**os.environ, **step.get("env", {}), **(env or {})})


def test_pull_request_steps_pass_on_a_fresh_clone(clone):
    for name, step in steps("check.yml", "check").items():
        if "run" in step and name not in RUNNER_SETUP | SELF | {"Install"}:
            result = run_step(clone, step)
            assert result.returncode == 0, f"{name}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"


def annotations(clone: Path, edit) -> tuple[int, list[str]]:
    """Apply `edit` to a copy of one record, run the check step, restore."""
    path = clone / "content" / "papers" / "adamerging-adaptive-model-merging-for-multi-task-learning.yaml"
    original = path.read_text("utf-8")
    path.write_text(edit(original), encoding="utf-8")
    try:
        result = run_step(clone, steps("check.yml", "check")["Check content (annotations on the changed lines)"])
    finally:
        path.write_text(original, encoding="utf-8")
    return result.returncode, result.stdout.splitlines()


FILE = "file=content/papers/adamerging-adaptive-model-merging-for-multi-task-learning.yaml"


@pytest.mark.parametrize("edit, expected", [
    (lambda text: text.replace("title: 'AdaMerging", "published: 2024-13-45\ntitle: 'AdaMerging"),
     f"::error {FILE},line=1::published: not a calendar date: '2024-13-45' (expected a date such as 2024-03-05)"),
    (lambda text: text.replace("  - model-merging", "  - model-mergin"),
     f"::error {FILE},line=3::tags: unknown tag 'model-mergin'; did you mean 'model-merging'? (see content/tags.yaml)"),
    (lambda text: text + "tags:\n  - model-merging\n",
     f"::error {FILE},line=LAST::tags: duplicate key (first at line 2)"),
    (lambda text: text.replace("sources:", "source:"),
     f"::error {FILE},line=SOURCES::source: unknown field"),
])
def test_a_broken_record_fails_with_an_annotation_on_its_line(clone, edit, expected):
    path = clone / "content" / "papers" / "adamerging-adaptive-model-merging-for-multi-task-learning.yaml"
    text = path.read_text("utf-8").splitlines()
    last = len(text) + 1  # the line an appended key lands on
    sources = text.index("sources:") + 1  # live content: a retag may move it
    status, lines = annotations(clone, edit)
    assert status == 1
    expected = expected.replace("LAST", str(last)).replace("SOURCES", str(sources))
    assert any(line.startswith(expected) for line in lines), lines


def test_a_date_fix_passes_and_shows_on_the_page_and_date_index(clone):
    path = clone / "content" / "papers" / "adamerging-adaptive-model-merging-for-multi-task-learning.yaml"
    original = path.read_text("utf-8")
    record, _ = load_mapping(original)
    assert "published" not in record
    path.write_text(dump_mapping({**record, "published": "2023-10-04"}, FIELD_ORDER), encoding="utf-8")
    try:
        check = steps("check.yml", "check")
        assert run_step(clone, check["Check content (annotations on the changed lines)"]).returncode == 0
        build = steps("publish.yml", "build")["Build (reproducible dates from the last commit)"]
        assert run_step(clone, build).returncode == 0
        page = (clone / "site" / "papers" / path.stem / "index.html").read_text("utf-8")
        assert "Published Oct 4, 2023" in page
        assert f'href="../../papers/{path.stem}/"' in (clone / "site" / "dates" / "2023" / "index.html").read_text("utf-8")
        assert path.stem not in (clone / "site" / "dates" / "undated" / "index.html").read_text("utf-8")
    finally:
        path.write_text(original, encoding="utf-8")


def test_publish_build_is_reproducible(clone):
    build = steps("publish.yml", "build")["Build (reproducible dates from the last commit)"]
    assert run_step(clone, build).returncode == 0
    shutil.move(clone / "site", clone / "site-first")
    assert run_step(clone, build).returncode == 0
    comparison = filecmp.dircmp(clone / "site-first", clone / "site")

    def differences(cmp) -> list[str]:
        found = cmp.left_only + cmp.right_only + cmp.diff_files
        return found + [name for sub in cmp.subdirs.values() for name in differences(sub)]

    assert differences(comparison) == []


# --- Dependencies: hashed locks only ---------------------------------------------------

HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")
# The platform the locks are for (dev.py lock: CPython 3.11 on ubuntu-latest, x86_64).
TARGET = {"python_version": "3.11", "python_full_version": "3.11.5", "sys_platform": "linux",
          "platform_system": "Linux", "platform_machine": "x86_64", "os_name": "posix",
          "implementation_name": "cpython", "platform_python_implementation": "CPython"}


def pins(text: str) -> dict[str, tuple[str, frozenset[str]]]:
    """{name: (version, hashes)} of a lock; fails on any line that is not `name==version --hash=sha256:…`
    (an option such as --extra-index-url or -e, an unpinned or unhashed requirement)."""
    found = {}
    for line in re.sub(r"\\\n", " ", text).splitlines():
        line = re.sub(r"(^|\s)#.*", "", line).strip()
        if not line:
            continue
        head, *hashes = re.split(r"\s+(?=--hash)", line)
        try:
            requirement = Requirement(head)
        except InvalidRequirement:
            raise AssertionError(f"not a requirement: {line[:100]}") from None
        (specifier, *more) = list(requirement.specifier) or [None]
        assert specifier and not more and specifier.operator == "==" and "*" not in specifier.version, \
            f"not pinned with ==: {head}"
        assert hashes and all(HASH.fullmatch(one) for one in hashes), f"no sha256 hash: {head}"
        name = canonicalize_name(requirement.name)
        assert name not in found, f"pinned twice: {name}"
        found[name] = (specifier.version, frozenset(hashes))
    assert found, "an empty lock"
    return found


def lock(name: str) -> dict[str, tuple[str, frozenset[str]]]:
    return pins((REQUIREMENTS / name).read_text("utf-8"))


def pyproject() -> dict:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def test_every_requirement_in_the_locks_is_pinned_with_a_hash():
    names = sorted(path.name for path in REQUIREMENTS.glob("*.txt"))
    assert {"build.txt", "site.txt", "test.txt", "uv.txt"} <= set(names), names
    for name in names:
        text = (REQUIREMENTS / name).read_text("utf-8")
        header = "".join(line for line in text.splitlines(keepends=True)[:12] if line.startswith("#"))
        assert "python3 dev.py lock" in header, f"{name}: the header says how to regenerate it"
        pins(text)


GOOD = "pyyaml==6.0.4 \\\n    --hash=sha256:" + "a" * 64 + "\n    # via paper-archive (pyproject.toml)\n"


@pytest.mark.parametrize("text", [
    "pyyaml==6.0.4\n",                                                # no hash
    "pyyaml>=6.0 --hash=sha256:" + "a" * 64 + "\n",                 # not pinned
    "pyyaml==6.* --hash=sha256:" + "a" * 64 + "\n",                 # a wildcard pin
    "pyyaml==6.0.4 --hash=md5:" + "a" * 32 + "\n",                  # not sha256
    "pyyaml==6.0.4 --hash=sha256:abc\n",                             # not a sha256
    "--extra-index-url https://example.org/simple\n" + GOOD,        # another index
    "-e .\n" + GOOD,                                                 # an unhashed install
    GOOD + "jinja2==3.1.6\n",                                         # one line without
    "",                                                               # nothing at all
])
def test_the_lock_check_rejects_what_is_not_a_hashed_pin(text):
    assert pins(GOOD)["pyyaml"][0] == "6.0.4"
    with pytest.raises(AssertionError):
        pins(text)


@pytest.mark.parametrize("name, requirements", [
    ("build.txt", lambda project: project["build-system"]["requires"]),
    ("site.txt", lambda project: project["project"]["dependencies"]),
    ("test.txt", lambda project: project["project"]["dependencies"] + project["project"]["optional-dependencies"]["test"]),
])
def test_every_pyproject_dependency_is_pinned_in_its_lock(name, requirements):
    """Fails when pyproject.toml changed and `python3 dev.py lock` was not run."""
    locked = lock(name)
    for requirement in map(Requirement, requirements(pyproject())):
        if requirement.marker and not requirement.marker.evaluate(TARGET):
            continue
        key = canonicalize_name(requirement.name)
        assert key in locked, f"{requirement} is not in requirements/{name}: run python3 dev.py lock"
        version = locked[key][0]
        assert requirement.specifier.contains(version, prereleases=True), \
            f"requirements/{name} pins {key}=={version}, pyproject.toml asks {requirement}: run python3 dev.py lock"


def test_the_tests_run_on_exactly_the_packages_the_site_is_built_with():
    site, test = lock("site.txt"), lock("test.txt")
    assert {name: test.get(name) for name in site} == site
    assert set(test) > set(site)


def pip_install_problem(command: str) -> str | None:
    """Why a shell command installs something it should not; None when it is fine."""
    words = shlex.split(command)
    if "install" not in words:
        return None
    if words[:2] == ["sudo", "apt-get"] or words[:1] == ["apt-get"]:
        return None  # the runner's Chromium, from Ubuntu's signed archive
    at = words.index("install")
    if at == 0 or Path(words[at - 1]).name not in ("pip", "pip3"):
        return f"an installer other than pip: {command}"
    args = words[at + 1:]
    if args == ["--no-deps", "--no-build-isolation", "-e", "."]:
        return None  # the project itself: its dependencies and build tools come from the locks
    if "-r" not in args or "--require-hashes" not in args:
        return f"not from a lock with --require-hashes: {command}"
    lockfile = args[args.index("-r") + 1]
    rest = [arg for arg in args if arg not in ("-r", lockfile, "--require-hashes", "--no-build-isolation")]
    if rest or not re.fullmatch(r"requirements/[\w-]+\.txt", lockfile) or not (ROOT / lockfile).is_file():
        return f"more than one hashed lock: {command}"
    if lockfile != "requirements/build.txt" and "--no-build-isolation" not in args:
        return f"an isolated build would fetch its build tools unhashed: {command}"
    return None


def commands(run: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n|&&|\|\||;|\|", run) if part.strip()]


@pytest.mark.parametrize("command", [
    "python3 -m venv .venv && .venv/bin/pip install -e .",
    ".venv/bin/pip install -e '.[test]'",
    ".venv/bin/pip install --upgrade pip",
    ".venv/bin/pip install -r requirements/site.txt",
    ".venv/bin/pip install --require-hashes --no-build-isolation -r requirements/site.txt mkdocs",
    ".venv/bin/pip install --require-hashes --no-build-isolation -r requirements/site.txt --extra-index-url https://example.org",
    ".venv/bin/pip install --require-hashes -r requirements/site.txt",
    ".venv/bin/pip install --no-deps -e .",
    ".venv/bin/pip install --no-deps --no-build-isolation -e . --extra-index-url https://example.org",
    "pipx install uv",
    ".venv/bin/python -m pip install mkdocs",
])
def test_the_install_check_rejects_unhashed_installs(command):
    assert any(pip_install_problem(part) for part in commands(command))


@pytest.mark.parametrize("name", ["check.yml", "publish.yml", "enrich.yml"])
def test_workflows_install_only_from_the_hashed_locks(name):
    runs = [step["run"] for job in workflow(name)["jobs"].values() for step in job["steps"] if "run" in step]
    installs = [part for run in runs for part in commands(run) if "install" in shlex.split(part)]
    assert [problem for part in installs if (problem := pip_install_problem(part))] == []
    pip = [part for part in installs if "/pip" in part]
    assert pip and "requirements/build.txt" in pip[0], "the build tools first, so no build is isolated"


def step_index(steps: list[dict], predicate) -> int:
    found = [at for at, step in enumerate(steps) if predicate(step)]
    assert len(found) == 1, found
    return found[0]


def test_publish_runs_the_checks_and_the_security_tests_before_the_deploy():
    publish = workflow("publish.yml")
    build = publish["jobs"]["build"]["steps"]

    def running(*words):
        return lambda step: all(word in shlex.split(step.get("run", "").replace("\n", " ")) for word in words)

    site_lock = step_index(build, running("--require-hashes", "requirements/site.txt"))
    test_lock = step_index(build, running("--require-hashes", "requirements/test.txt"))
    content = step_index(build, running("generator", "check"))
    strict = step_index(build, running(".venv/bin/mkdocs", "build", "--strict"))
    site = step_index(build, running("generator", "check-site"))
    chromium = step_index(build, running("chromium"))
    security = step_index(build, running("pytest", "-m", "security"))
    upload = step_index(build, lambda step: step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    # the site is built from the site's lock alone; the test tools come after it
    assert site_lock < content < strict < site < test_lock < security < upload
    assert chromium < security and upload == len(build) - 1
    assert build[security]["run"].strip() == ".venv/bin/python -m pytest -m security"
    assert build[security].get("env", {}).get("REQUIRE_BROWSER") == "1"  # browser tests fail, never skip
    assert not any("continue-on-error" in step or "if" in step for step in build)
    assert publish["jobs"]["deploy"]["needs"] in ("build", ["build"])
    assert [step.get("uses", "").split("@")[0] for step in publish["jobs"]["deploy"]["steps"]] == ["actions/deploy-pages"]


def test_check_installs_the_test_lock():
    install = steps("check.yml", "check")["Install"]["run"]
    assert [part for part in commands(install) if "requirements/test.txt" in part]


def test_dependabot_keeps_the_locks_current():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text("utf-8"))
    directories = {update["package-ecosystem"]: update["directory"] for update in config["updates"]}
    assert directories["github-actions"] == "/"
    locks = ROOT / directories["pip"].strip("/")
    assert locks == REQUIREMENTS and {"site.txt", "test.txt"} <= {path.name for path in locks.glob("*.txt")}


@pytest.mark.slow  # collects the whole suite in a subprocess
def test_the_security_tests_the_deploy_waits_for_exist():
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "security"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and re.search(r"^\d+/\d+ tests collected", result.stdout, re.M), result.stdout[-2000:]


def test_enrich_runs_weekly_and_only_the_pull_request_job_can_write():
    enrich = workflow("enrich.yml")
    assert set(enrich[True]) == {"schedule", "workflow_dispatch"}
    (cron,) = [entry["cron"] for entry in enrich[True]["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), cron  # once a week
    assert enrich["permissions"] == {"contents": "read"}
    assert enrich["concurrency"]["group"] and enrich["concurrency"]["cancel-in-progress"] is False
    jobs = enrich["jobs"]
    assert set(jobs) == {"enrich", "pull-request"}
    assert "permissions" not in jobs["enrich"]
    assert jobs["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["pull-request"]["needs"] in ("enrich", ["enrich"])
    # the job that can write runs no command and no package: it only turns the checked files into the pull request
    writer = jobs["pull-request"]["steps"]
    assert [step["uses"].split("@")[0] for step in writer] == [
        "actions/checkout", "actions/download-artifact", "actions/download-artifact", "peter-evans/create-pull-request"]
    assert not any("run" in step for step in writer)


def test_enrich_checks_the_records_before_they_become_one_pull_request():
    """The pull request, opened with GITHUB_TOKEN, starts no check.yml run: the
    enrich job runs check.yml's content checks itself, before the files and the
    description are handed to the job that opens it."""
    steps_ = workflow("enrich.yml")["jobs"]["enrich"]["steps"]

    def running(*words):
        return lambda step: all(word in shlex.split(step.get("run", "").replace("\n", " ")) for word in words)

    install = step_index(steps_, running("--require-hashes", "requirements/test.txt"))
    before = step_index(steps_, lambda step: step.get("name") == "Related papers before")
    run = step_index(steps_, running(".venv/bin/python", "-m", "generator", "enrich"))
    fetch = step_index(steps_, running(".venv/bin/python", "-m", "generator", "embeddings"))
    check = step_index(steps_, running(".venv/bin/python", "-m", "generator", "check"))
    strict = step_index(steps_, running(".venv/bin/mkdocs", "build", "--strict"))
    site = step_index(steps_, running(".venv/bin/python", "-m", "generator", "check-site"))
    live = step_index(steps_, running("pytest", "tests/test_live_content.py"))
    after = step_index(steps_, lambda step: step.get("name") == "Related papers after")
    body = step_index(steps_, lambda step: step.get("name") == "Pull request description")
    uploads = [at for at, step in enumerate(steps_) if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert install < before < run < fetch < check < strict < site < live < after < body < uploads[0]
    assert uploads == [len(steps_) - 2, len(steps_) - 1]
    for step in (steps_[before], steps_[after]):
        assert shlex.split(step["run"])[:4] == [".venv/bin/python", "-m", "generator", "related-report"]
        assert "--details" not in step["run"]  # figures only: no title reaches the description
    # the optional key goes to the embeddings step alone, through its environment
    assert steps_[fetch]["env"] == {"S2_API_KEY": "${{ secrets.S2_API_KEY }}"}
    assert [at for at, step in enumerate(steps_) if "S2_API_KEY" in repr(step)] == [fetch]
    for at in (run, fetch):
        assert steps_[at]["continue-on-error"] is True
    assert not any("continue-on-error" in step for at, step in enumerate(steps_) if at not in (run, fetch))
    assert not any("if" in step for step in steps_)
    body_upload, content_upload = (steps_[at]["with"] for at in uploads)
    assert content_upload["path"].split() == ["content/papers", "content/embeddings"]
    download_content, download_body, create = workflow("enrich.yml")["jobs"]["pull-request"]["steps"][1:]
    assert download_content["with"] == {"name": content_upload["name"], "path": "content"}
    assert download_body["with"]["name"] == body_upload["name"]
    assert create["with"]["body-path"] == body_upload["path"]
    # one fixed branch: a later run updates the same pull request instead of opening another
    assert create["with"]["branch"] == "enrich/hugging-face-papers"
    assert create["with"]["add-paths"].split() == ["content/papers/*.yaml", "content/embeddings/*.tsv"]
    assert "token" not in create["with"]  # the job's own GITHUB_TOKEN, no secret
