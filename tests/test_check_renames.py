"""`check-renames`: every paper published at a git ref still has a page."""

import subprocess

from generator.cli import main
from tests.support import ABSTRACT_MTL, ABSTRACT_STYLE, write_dump


def git(folder, *arguments):
    subprocess.run(["git", "-C", str(folder), *arguments], check=True, capture_output=True)


def test_a_rename_fails_until_the_old_name_is_an_alias(content, tmp_path, capsys):
    dump = write_dump(tmp_path, "d.txt", [("Shared Encoders for MTL", ABSTRACT_MTL), ("Style Transfer", ABSTRACT_STYLE)])
    assert main(["import", str(dump)]) == 0
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "published")
    old = content.paper_path("shared-encoders-for-mtl")
    new = content.paper_path("shared-encoders")
    old.rename(new)
    capsys.readouterr()
    assert main(["check-renames", "--base", "main"]) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        "content/papers/shared-encoders-for-mtl.yaml:1: -: published at main (papers/shared-encoders-for-mtl/) and "
        "now neither a file nor an alias: if the paper was renamed or merged into another file, add "
        "`aliases: [shared-encoders-for-mtl]` to that file\n")
    assert captured.err == "1 problem found against main\n"
    new.write_text(new.read_text("utf-8") + "aliases:\n- shared-encoders-for-mtl\n", encoding="utf-8")
    assert main(["check-renames", "--base", "main"]) == 0
    assert capsys.readouterr().out == "every paper published at main still has its page\n"


def test_an_unknown_ref_is_one_line(content, tmp_path, capsys):
    git(tmp_path, "init", "-q", "-b", "main")
    assert main(["check-renames", "--base", "nowhere"]) == 1
    assert capsys.readouterr().err == (
        "content/papers:1: -: cannot list the papers published at 'nowhere': "
        "fatal: Not a valid object name nowhere:content/papers/\n")


def test_a_lost_page_can_be_a_github_annotation_on_the_removed_file(content, tmp_path, capsys):
    dump = write_dump(tmp_path, "d.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)])
    assert main(["import", str(dump)]) == 0
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "published")
    content.paper_path("shared-encoders-for-mtl").rename(content.paper_path("shared-encoders"))
    capsys.readouterr()
    assert main(["check-renames", "--base", "main", "--format", "github"]) == 1
    assert capsys.readouterr().out == (
        "::error file=content/papers/shared-encoders-for-mtl.yaml,line=1::-: published at main "
        "(papers/shared-encoders-for-mtl/) and now neither a file nor an alias: if the paper was renamed or merged "
        "into another file, add `aliases: [shared-encoders-for-mtl]` to that file\n")
