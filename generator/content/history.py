"""content/ as published at a git ref: the paper slugs of content/papers/ in
that commit, read with `git ls-tree` (no shell, the ref never read as an option)."""

import subprocess
from pathlib import Path

from generator.content.store import display_path
from generator.model.problems import ContentError, Problem


def published_slugs(papers: Path, ref: str) -> list[str]:
    """The stems of the `.yaml` files directly in `papers` (a folder of a git
    work tree) at `ref`, sorted. A ref git cannot read is a ContentError."""
    found = _git(papers, papers, ref, "rev-parse", "--show-toplevel", "--show-prefix").decode("utf-8", "surrogateescape")
    top, prefix = (found.split("\n") + [""])[:2]  # the prefix line is empty at the top
    # from the top: in a subfolder, ls-tree lists only the names under that subfolder's path
    listed = _git(Path(top), papers, ref, "ls-tree", "-z", "--name-only", "--end-of-options", f"{ref}:{prefix}")
    names = [name.decode("utf-8", "surrogateescape") for name in listed.split(b"\0") if name]
    return sorted(name[:-len(".yaml")] for name in names if name.endswith(".yaml") and "/" not in name)


def _git(folder: Path, papers: Path, ref: str, *arguments: str) -> bytes:
    """git's output in `folder`; a ContentError at `papers` naming `ref` when git fails."""
    reason = "a ref cannot start with '-'" if ref.startswith("-") else None
    if reason is None:
        try:
            result = subprocess.run(["git", "-C", str(folder), *arguments], capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            reason = f"git did not run ({error})"
        else:
            if result.returncode == 0:
                return result.stdout
            lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = lines[0] if lines else f"git exited with {result.returncode}"
    raise ContentError([Problem(display_path(papers), 1, "-", f"cannot list the papers published at {ref!r}: {reason}")])
