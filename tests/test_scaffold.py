"""`drafting init`: the records repository it makes builds with make, runs its CI commands and its hooks.

Everything runs locally: make, the commands of the GitHub and GitLab workflows (with the matrix
variables those engines would set), pre-commit on a git repository, and pre-commit on the
hooks this project ships (`pre-commit try-repo`, which pip-installs drafting: about half a minute).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from drafting import __version__
from drafting.cli import main

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EXPECTED_FILES = [".github/workflows/records.yml", ".gitignore", ".gitlab-ci.yml", ".pre-commit-config.yaml",
                  "Makefile", "README.md", "records/sample.en.yaml", "requirements.txt"]


def env(**extra: str) -> dict[str, str]:
    """A shell whose PATH finds this venv's drafting and pre-commit first, as after `pip install -r requirements.txt`."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "PRE_COMMIT"))}
    return {**base, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


def sh(command: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, shell=True, cwd=cwd, env=env(**extra), capture_output=True, text=True, timeout=600, check=False)


def init(folder: Path) -> Path:
    result = CliRunner().invoke(main, ["init", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder


def add_records(repo: Path, count: int) -> list[str]:
    """Copies of the sample under other symbols; returns every record's stem."""
    sample = (repo / "records" / "sample.en.yaml").read_text(encoding="utf-8")
    for n in range(1, count + 1):
        (repo / "records" / f"cwg-{n}.en.yaml").write_text(sample.replace("CWG/2-E", f"CWG/{n}-E"), encoding="utf-8")
    return sorted(p.name.removesuffix(".yaml") for p in (repo / "records").glob("*.yaml"))


def git_repo(folder: Path) -> None:
    for command in ("git init -q", "git add -A", "git -c user.name=t -c user.email=t@example.org commit -qm records"):
        assert sh(command, folder).returncode == 0


def test_init_writes_the_repository(tmp_path: Path) -> None:
    repo = init(tmp_path / "records-repo")
    made = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file())
    assert made == EXPECTED_FILES
    requirements = (repo / "requirements.txt").read_text(encoding="utf-8").splitlines()
    # This drafting, from where it was installed (here: the checkout), never a bare version that an
    # index would resolve to the unrelated PyPI project of the same name.
    assert requirements[-1] == f"drafting @ {Path(__file__).resolve().parent.parent.as_uri()}", requirements
    assert all(line.startswith("#") for line in requirements[:-1]) and "another project" in requirements[-2]
    assert "\n\t$(DRAFTING) build $< -o $(OUT)\n" in (repo / "Makefile").read_text(encoding="utf-8"), "a pattern rule with a tab"


def test_every_install_instruction_of_the_repository_points_at_its_requirements(tmp_path: Path) -> None:
    # `pip install drafting` would fetch the unrelated PyPI project of that name; the pre-commit
    # file once said so in a comment.
    repo = init(tmp_path / "records-repo")
    said = [(path.name, line) for path in repo.rglob("*") if path.is_file()
            for line in path.read_text(encoding="utf-8").splitlines() if "pip install" in line]
    assert said, "the repository tells how to install drafting"
    for name, line in said:
        assert re.search(r"pip install -r requirements\.txt", line) and not re.search(r"pip install drafting\b", line), (name, line)


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "Makefile").write_text("all:\n\techo mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'Makefile'}: already exists" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["Makefile"]
    assert (tmp_path / "Makefile").read_text(encoding="utf-8") == "all:\n\techo mine\n"


def test_make_builds_the_sample_then_skips_it(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    first = sh("make", repo)
    assert first.returncode == 0, first.stdout + first.stderr
    assert sorted(p.name for p in (repo / "build").glob("sample.*")) == ["sample.en.docx", "sample.en.html", "sample.en.pdf"]
    paragraphs = [p.text for p in docx.Document(str(repo / "build" / "sample.en.docx")).paragraphs]
    assert "2.3\tIt was so agreed, as proposed in paragraph 2.1." in paragraphs
    text = subprocess.run(["pdftotext", str(repo / "build" / "sample.en.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "The Chair took it that the working group wished to take note of the report." in " ".join(text.split())
    second = sh("make", repo)
    assert second.returncode == 0
    assert "records/sample.en.yaml: up to date" in second.stdout
    # The pattern rule: one record's outputs by name.
    (repo / "build" / "sample.en.pdf").unlink()
    single = sh("make build/sample.en.pdf", repo)
    assert single.returncode == 0, single.stderr
    assert (repo / "build" / "sample.en.pdf").is_file()
    assert sh("make check", repo).returncode == 0


def run_shards(repo: Path, tmp_path: Path, total: int, commands_for: object) -> list[str]:
    """Run every job of a matrix in its own checkout; return the stems of the PDFs each job built."""
    built: list[str] = []
    for index in range(1, total + 1):
        checkout = tmp_path / f"job-{index}"
        shutil.copytree(repo, checkout)
        for command, extra in commands_for(index):  # type: ignore[operator]
            result = sh(command, checkout, **extra)
            assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
        built += [p.name.removesuffix(".pdf") for p in (checkout / "build").glob("*.pdf")] if (checkout / "build").exists() else []
    return built


def test_github_workflow_commands_build_each_record_in_exactly_one_job(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    stems = add_records(repo, 5)
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "records.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    shards = jobs["build"]["strategy"]["matrix"]["shard"]
    assert jobs["build"]["needs"] == "check"

    def runs(job: dict[str, object], index: int) -> list[tuple[str, dict[str, str]]]:
        commands = []
        for step in job["steps"]:  # type: ignore[attr-defined]
            if "run" not in step or step.get("name") == "Install drafting":
                continue  # actions and the installation are GitHub's and pip's business
            command = step["run"].replace("${{ matrix.shard }}", str(index)).replace("${{ strategy.job-total }}", str(len(shards)))
            assert "${{" not in command, command
            commands.append((command, {}))
        return commands

    for command, _ in runs(jobs["check"], 0):
        assert sh(command, repo).returncode == 0, command
    built = run_shards(repo, tmp_path, len(shards), lambda k: runs(jobs["build"], k))
    assert sorted(built) == stems, "every record built once, by one job"


def test_gitlab_pipeline_commands_build_each_record_in_exactly_one_job(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    stems = add_records(repo, 5)
    pipeline = yaml.safe_load((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    total = pipeline["build"]["parallel"]
    assert pipeline["stages"] == ["check", "build"]
    for command in pipeline["check"]["script"]:
        assert sh(command, repo).returncode == 0, command
    # GitLab sets CI_NODE_INDEX (1-based) and CI_NODE_TOTAL in each parallel job.
    built = run_shards(repo, tmp_path, total, lambda k: [(c, {"CI_NODE_INDEX": str(k), "CI_NODE_TOTAL": str(total)})
                                                        for c in pipeline["build"]["script"]])
    assert sorted(built) == stems


@pytest.fixture()
def committed_repo(tmp_path: Path) -> Path:
    repo = init(tmp_path / "r")
    git_repo(repo)
    return repo


def test_scaffold_hooks_pass_under_pre_commit_and_catch_a_typed_number(committed_repo: Path, tmp_path: Path) -> None:
    home = str(tmp_path / "pre-commit-home")
    result = sh("pre-commit run --all-files", committed_repo, PRE_COMMIT_HOME=home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"validate records against the schema\.+Passed", result.stdout), result.stdout
    assert re.search(r"numbering lint\.+Passed", result.stdout)
    # A hand-typed wrong number: the renumber --check hook fails and says which.
    sample = committed_repo / "records" / "sample.en.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").replace(
        "      - The Chair took it", '      - number: "2.5"\n        text: The Chair took it'), encoding="utf-8")
    failed = sh("pre-commit run --all-files", committed_repo, PRE_COMMIT_HOME=home)
    assert failed.returncode == 1, failed.stdout
    assert re.search(r"paragraph numbers as drafting computes them\.+Failed", failed.stdout), failed.stdout
    assert "records/sample.en.yaml: would renumber 1 number" in failed.stdout


def test_shipped_hooks_install_and_pass_under_pre_commit(committed_repo: Path, tmp_path: Path) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["drafting-validate", "drafting-lint", "drafting-renumber-check"]
    # try-repo clones this checkout (uncommitted changes included) and pip-installs it, as pre-commit would from a tag.
    result = sh(f"pre-commit try-repo {REPO} --all-files", committed_repo, PRE_COMMIT_HOME=str(tmp_path / "home"))
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("validate records", "numbering lint", "paragraph numbers as computed"):
        assert re.search(rf"{name}\.+Passed", result.stdout), result.stdout
