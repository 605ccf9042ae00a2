"""The README's examples are real: Python blocks run as doctests, console blocks are compared with the CLI."""

from __future__ import annotations

import doctest
import re
import shlex

import pytest

from fractionation.cli import main
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("document", ["README.md", "docs/reirradiation.md", "docs/models.md"])
def test_python_examples(document: str) -> None:
    blocks = re.findall(r"```python\n(.*?)```", (REPO / document).read_text(encoding="utf-8"), flags=re.S)
    assert blocks
    # The blocks read as one session (names carry over), so they run as one doctest.
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, document, document, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert test.examples
    assert runner.failures == 0, f"a python example of {document} failed (see output above)"


CONSOLE = re.findall(r"```console\n\$ (fractionation .*?)\n(.*?)```", README, flags=re.S)


@pytest.mark.parametrize(("command", "expected"), CONSOLE, ids=[c for c, _ in CONSOLE])
def test_console_examples(capsys: pytest.CaptureFixture[str], command: str, expected: str) -> None:
    try:
        code = main(shlex.split(command)[1:])
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    assert code in (0, 2)
    assert (out if code == 0 else err) == expected  # a refused command's example shows its stderr


def test_ci_runs_the_readme_test_command() -> None:
    commands = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_the_command_line_section_lists_every_command_and_exit_code() -> None:
    from fractionation.cli import EXIT_CODES, build_parser

    section = README[README.index("## Command line") : README.index("\n## ", README.index("## Command line") + 1)]
    commands = next(a for a in build_parser()._actions if a.dest == "command").choices
    assert commands
    listed = re.findall(r"^\| `(\w+)[ `]", section, flags=re.M)
    assert listed == list(commands)  # every command, in the order of --help
    codes = re.findall(r"^  (\d+) ", EXIT_CODES, flags=re.M)
    assert re.findall(r"^\| (\d+) \|", section, flags=re.M) == codes
