"""`.env.example` lists every variable the stack's settings read (one owner: settings.py)."""

import re

from paracelsus_stack.settings import REPO_ROOT


def test_every_setting_variable_is_in_env_example() -> None:
    source = (REPO_ROOT / "paracelsus_stack" / "settings.py").read_text()
    read = set(re.findall(r'_(?:env|port|count)\("([A-Z0-9_]+)"', source))
    listed = set(
        re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (REPO_ROOT / ".env.example").read_text(), re.M)
    )
    assert read, "no variables found in settings.py"
    assert read - listed == set()
