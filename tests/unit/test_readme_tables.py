"""The README's target and folder tables match `make help` and the tree (they drift by hand)."""

import re
import subprocess

from paracelsus_stack.settings import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text()


def table_first_column(header: str) -> list[str]:
    lines = README[README.index(header) :].splitlines()[2:]
    cells = []
    for line in lines:
        if not line.startswith("|"):
            break
        cells.append(line.split("|")[1])
    return cells


def test_the_target_table_lists_exactly_the_makefile_targets() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-zA-Z0-9_-]+):.*?## ", makefile, re.MULTILINE))
    documented = {
        name
        for cell in table_first_column("| target |")
        for name in re.findall(r"make ([\w-]+)", cell)
    }
    assert documented == targets


def test_the_folder_table_lists_exactly_the_top_level_folders() -> None:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    folders = {path.split("/", 1)[0] for path in tracked if "/" in path}
    folders -= {name for name in folders if name.startswith(".")}
    documented = {cell.strip().strip("`").rstrip("/") for cell in table_first_column("| folder |")}
    assert documented == folders
