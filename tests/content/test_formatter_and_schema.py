"""What contributors use besides the site: editor schema, pre-commit, issue form."""

import filecmp
import json
import re
import subprocess

import jsonschema
import yaml

from tests.support import FIXTURE_CONTENT, ROOT
from tests.hand_typed import hand_typed
from generator.content.load import load_record
from generator.content.validate import paper_schema


def test_editor_settings_map_the_schema_onto_every_paper_file():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    (schema_path, pattern), = settings["yaml.schemas"].items()
    assert (ROOT / schema_path).resolve() == (ROOT / "generator" / "paper.schema.json").resolve()
    assert sorted(ROOT.glob(pattern)) == sorted((ROOT / "content" / "papers").glob("*.yaml"))
    jsonschema.Draft202012Validator.check_schema(paper_schema())


PAPER = "deep-task-specific-bottom-representation-network-for-multi-task-recommendation.yaml"
GIT_ID = {"GIT_AUTHOR_NAME": "Contributor", "GIT_AUTHOR_EMAIL": "contributor@example.org",
          "GIT_COMMITTER_NAME": "Contributor", "GIT_COMMITTER_EMAIL": "contributor@example.org"}


def test_pre_commit_rewrites_into_canonical_form_and_runs_the_content_check(clone, tmp_path):
    """On its own data (the fixture archive, committed in the clone): a valid record
    typed in another form is rewritten by the fmt hook while the check hook passes;
    a broken record fails the check hook."""
    repo = tmp_path / "repo"
    env = {"PATH": f"{clone / '.venv' / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), **GIT_ID}

    def git(*args):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    def pre_commit() -> subprocess.CompletedProcess:
        return subprocess.run([str(clone / ".venv" / "bin" / "pre-commit"), "run", "--all-files"], cwd=repo,
                              capture_output=True, text=True, env=env)

    subprocess.run(["git", "clone", "--quiet", str(clone), str(repo)], check=True)
    assert filecmp.cmp(repo / "content" / "papers" / PAPER, FIXTURE_CONTENT / "papers" / PAPER, shallow=False)
    result = pre_commit()
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^check content/.*Passed$", result.stdout, re.M), result.stdout

    record = repo / "content" / "papers" / PAPER
    canonical = record.read_bytes()
    _, data, _ = load_record(record)
    record.write_bytes(hand_typed(data).encode("utf-8"))
    git("commit", "--quiet", "-am", "a record typed by hand")
    result = pre_commit()
    assert result.returncode == 1, result.stdout + result.stderr  # the hook rewrote a file: commit it again
    assert re.search(r"^canonical form for content/papers.*Failed$", result.stdout, re.M), result.stdout
    assert "files were modified by this hook" in result.stdout and "1 file rewritten" in result.stdout
    assert re.search(r"^check content/.*Passed$", result.stdout, re.M), result.stdout
    assert record.read_bytes() == canonical
    assert pre_commit().returncode == 0

    record.write_bytes(canonical + b"venue: 1\nvenue: 2\n")
    result = pre_commit()
    assert result.returncode == 1 and re.search(r"^check content/.*Failed$", result.stdout, re.M), result.stdout
    assert "venue: duplicate key" in result.stdout


def test_issue_form_has_the_fields_a_correction_needs():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "metadata-correction.yml").read_text("utf-8"))
    assert {"name", "description", "body"} <= form.keys()
    ids = {item["id"] for item in form["body"] if "id" in item}
    assert {"paper", "field", "correction", "source"} <= ids


def test_contributing_guide_documents_every_schema_field():
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    assert all(f"`{field}`" in guide for field in paper_schema()["properties"])
