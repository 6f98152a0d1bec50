"""README's two set-up commands are the ones CI and users run."""

import re

from .conftest import ROOT


def setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set-up: two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_two_setup_commands():
    install, tests = setup_commands()
    assert install.startswith("pip install . && outline-extractor parse fixtures/")
    fixture = install.split("parse ", 1)[1].split()[0]
    assert (ROOT / fixture).is_file()
    assert "[test]" in tests and "pytest" in tests


def test_ci_runs_the_readme_test_command():
    _, tests = setup_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == tests
