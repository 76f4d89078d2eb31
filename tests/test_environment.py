"""environment.yml (conda) and pyproject.toml (pip) describe the same environment."""

from __future__ import annotations

import re
import tomllib

import yaml

from conftest import REPO

NAME = re.compile(r"^([A-Za-z0-9_.\-]+)\s*(.*)$")
# conda-forge names that differ from PyPI's, and entries only conda needs
CONDA_ONLY = {"python", "nodejs", "pip"}


def split(requirement: str) -> tuple[str, str]:
    name, spec = NAME.match(requirement.strip()).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    data = tomllib.loads((REPO / "pyproject.toml").read_text())
    reqs = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["test"]
    return dict(split(r) for r in reqs)


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    return dict(split(d) for d in env["dependencies"] if isinstance(d, str) and split(d)[0] not in CONDA_ONLY)


def test_same_packages_with_the_same_versions():
    assert conda_requirements() == pyproject_requirements()


def test_conda_environment_installs_this_package_and_uses_conda_forge():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    pip_part = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]
    assert "-e ." in pip_part
    assert env["channels"] == ["conda-forge"]


def test_python_floor_agrees():
    data = tomllib.loads((REPO / "pyproject.toml").read_text())
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    conda_python = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python")][0]
    assert conda_python.removeprefix("python") == data["project"]["requires-python"]
