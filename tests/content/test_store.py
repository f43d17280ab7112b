"""How a path is shown in a problem report (file names come from strangers)."""

import os
from pathlib import Path

from generator.content.store import display_path


def test_a_path_under_the_working_directory_is_shown_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "content" / "papers" / "a.yaml") == "content/papers/a.yaml"
    assert display_path(Path("content/papers/a.yaml")) == "content/papers/a.yaml"


def test_a_path_elsewhere_is_shown_relative_with_dots(tmp_path, monkeypatch):
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert display_path(tmp_path / "there" / "a.yaml") == "../there/a.yaml"
    # a sibling whose name starts like the working directory is not under it
    assert display_path(Path(os.fspath(tmp_path / "here") + "x") / "a.yaml") == "../herex/a.yaml"


def test_control_characters_in_a_name_are_shown_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "a\nb\x1b.yaml") == "a\\nb\\x1b.yaml"
