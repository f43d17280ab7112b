"""What contributors use besides the site: editor schema, pre-commit, issue form."""

import json
import subprocess

import jsonschema
import yaml

from tests.support import ROOT
from generator.content.validate import paper_schema


def test_editor_settings_map_the_schema_onto_every_paper_file():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    (schema_path, pattern), = settings["yaml.schemas"].items()
    assert (ROOT / schema_path).resolve() == (ROOT / "generator" / "paper.schema.json").resolve()
    assert sorted(ROOT.glob(pattern)) == sorted((ROOT / "content" / "papers").glob("*.yaml"))
    jsonschema.Draft202012Validator.check_schema(paper_schema())


def test_pre_commit_runs_the_content_check(clone):
    pre_commit = clone / ".venv" / "bin" / "pre-commit"
    env_path = f"{clone / '.venv' / 'bin'}:/usr/bin:/bin"
    result = subprocess.run([str(pre_commit), "run", "--all-files"], cwd=clone, capture_output=True, text=True,
                            env={"PATH": env_path, "HOME": str(clone)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "check content/" in result.stdout and "Passed" in result.stdout
    broken = clone / "content" / "papers" / sorted(p.name for p in (clone / "content" / "papers").iterdir())[0]
    original = broken.read_text("utf-8")
    broken.write_text(original + "venue: 1\nvenue: 2\n", encoding="utf-8")
    try:
        result = subprocess.run([str(pre_commit), "run", "--all-files"], cwd=clone, capture_output=True, text=True,
                                env={"PATH": env_path, "HOME": str(clone)})
    finally:
        broken.write_text(original, encoding="utf-8")
    assert result.returncode == 1 and "duplicate key" in result.stdout


def test_issue_form_has_the_fields_a_correction_needs():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "metadata-correction.yml").read_text("utf-8"))
    assert {"name", "description", "body"} <= form.keys()
    ids = {item["id"] for item in form["body"] if "id" in item}
    assert {"paper", "field", "correction", "source"} <= ids


def test_contributing_guide_documents_every_schema_field():
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    assert all(f"`{field}`" in guide for field in paper_schema()["properties"])
