"""Text from outside (dump text, answers, file names, record values) is printed
through `printable`: whatever it holds, no printed line starts with `::`, which
GitHub's runner reads as a workflow command. The commands are those of GitHub's
documentation ("Workflow commands for GitHub Actions")."""

import json
import re

import pytest

from generator.cli import main
from generator.model.problems import Problem, printable
from tests.ingest.test_enrich import TITLE, FakeHub, ok, result, write_record
from tests.support import ABSTRACT_MTL

COMMANDS = ["::add-mask::hunter2", "::error file=app.js,line=1::Missing semicolon", "::set-output name=x::1",
            "::stop-commands::pause-token", "::warning file=app.js,line=1,col=5::Missing", "::debug::Set x",
            "::group::My title", "::endgroup::", "::notice file=app.js,line=1::Note", "::save-state name=x::1",
            "  ::add-mask::indented"]
BREAKS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]
OWN_ANNOTATION = re.compile(r"::(error|warning) file=[^\n]*,line=\d+::")


def command_lines(output: str) -> list[str]:
    """Lines of `output` that GitHub's runner would read as workflow commands
    (it trims leading white space), other than the project's own annotations."""
    return [line for line in output.splitlines() if line.strip().startswith("::") and not OWN_ANNOTATION.match(line)]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("line_break", BREAKS)
def test_printable_text_is_one_line_that_never_starts_a_command(command, line_break):
    for text in (f"A title{line_break}{command}", command, f"{line_break}{command}", f"x{line_break * 3}{command}"):
        shown = printable(text)
        assert shown.splitlines() == [shown] and not shown.lstrip().startswith("::")
        assert command_lines(Problem(text, 1, text, text).text()) == []
        assert command_lines(Problem(text, 1, text, text).github()) == []


def test_printable_leaves_ordinary_text_alone():
    assert printable("Résumé: a title with 😀 and a: colon") == "Résumé: a title with 😀 and a: colon"
    assert printable("a\nb\u2028c\x85d\x00e\u202ef") == "a\\nb\\u2028c\\x85d\\x00e\\u202ef"
    assert printable("::add-mask::x") == "\\x3a:add-mask::x"


@pytest.mark.parametrize("command", COMMANDS)
def test_import_prints_no_command_from_a_dump_or_its_file_name(content, tmp_path, capsys, command):
    name = tmp_path / f"dump\n{command}.txt"
    name.write_text(f"Daily Papers\n\n{command}\n\nA paragraph with no title. {command}.\n\n"
                    f"A Title\x1b{command}\n\n{ABSTRACT_MTL}\n", encoding="utf-8")
    main(["import", str(name)])
    out, err = capsys.readouterr()
    assert "content/dumps" in err or "dump" in err  # something was said about the dump
    assert command_lines(out + err) == []
    name.rename(tmp_path / f"{command}.txt")
    main(["import", f"{command}.txt"])
    out, err = capsys.readouterr()
    assert command_lines(out + err) == []
    (tmp_path / command.strip()).mkdir()
    (tmp_path / command.strip() / "d.txt").write_bytes(b"Daily Papers\n\xff\n")
    assert main(["import", f"{command.strip()}/d.txt"]) == 1
    out, err = capsys.readouterr()
    assert err.endswith("d.txt:2: -: not UTF-8 text: is this a saved Daily Papers page?\n")
    assert command_lines(out + err) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_check_prints_no_command_from_a_file_name_or_value(content, capsys, command):
    (content.papers / f"a\n{command}.yaml").write_text(f"title: \"x\\u2028{command}\"\n", encoding="utf-8")
    for output_format in ("text", "github"):
        assert main(["check", "--format", output_format]) == 1
        out, err = capsys.readouterr()
        assert command_lines(out + err) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_enrich_prints_no_command_from_an_answer(content, tmp_path, monkeypatch, capsys, command):
    write_record(content, "shared-encoders")
    hostile = {"githubRepo": f"https://github.com/org/repo\n{command}", "projectPage": f"\u2028{command}"}
    script = {TITLE: [ok(result("2310.02575", TITLE, ABSTRACT_MTL, **hostile))],
              "Other": [(404, {}, {"error": f"\n{command}"}, 0)]}
    write_record(content, "other", title="Other")
    with FakeHub(script) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        main(["enrich", "--dry-run"])
        main(["enrich", f"content/papers/\n{command}.yaml"])
    out, err = capsys.readouterr()
    assert "refused: content/papers/shared-encoders.yaml: code_url:" in err
    assert command_lines(out + err) == []
