"""The GitHub configuration in .github/ is checked like code.

Two real linters run on the workflows, offline:
- actionlint (with shellcheck for the run: scripts);
- zizmor, the security auditor.
Both must report zero findings.

The project's own rules are then checked with PyYAML:
- no pull_request_target;
- every action is pinned to a full commit SHA with a "# vX.Y.Z" comment;
- every checkout has persist-credentials: false;
- every workflow has top-level permissions that grant no write access;
- no untrusted ${{ github.event.* }} or github.head_ref inside a script.

Then what the workflows must do: CI runs the README's commands and builds twice, a fork's pull request gets no
write token, only the Pages deploy job may write; and the other files in .github/ (owners, checklist, issue form).

A linter that is not installed skips its test locally. Under CI it is a failure, so CI cannot go green without
running it. Both linters come from requirements.lock.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
# The workflows `leaderboard init` writes into an adopter's repository are held to the same rules.
STARTER_WORKFLOWS = ROOT / "leaderboard" / "starter" / "github" / "workflows"
WORKFLOW_FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml"), *STARTER_WORKFLOWS.glob("*.yml")])

SHA_PIN = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*['\"]?(?P<ref>[^'\"\s#]+)['\"]?\s*(?P<comment>#.*)?$")
VERSION_COMMENT = re.compile(r"#\s*v\d+(\.\d+)*\b")
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
UNTRUSTED = re.compile(r"github\s*\.\s*event\s*\.|github\s*\.\s*head_ref|github\s*\[\s*['\"]head_ref")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false")


def tool(name: str) -> str:
    """The path of a linter: the one in this Python's environment first, then PATH. Skips locally; fails in CI."""
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    found = shutil.which(name, path=search)
    if found:
        return found
    message = f"{name} is not installed (it is in requirements.lock: pip install -r requirements.lock)"
    if in_ci():
        pytest.fail(f"{message}; CI must run it")
    pytest.skip(f"{message}; CI runs it")


def run(cmd: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)


def load(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    assert isinstance(data, dict), f"{path.name}: not a YAML mapping"
    return data


def triggers(workflow: dict) -> dict:
    """The `on:` section as a mapping. PyYAML (YAML 1.1) reads the bare key `on` as the boolean True."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict), "the workflow has no `on:` triggers"
    return on


def steps(workflow: dict) -> Iterator[tuple[str, dict]]:
    for job_id, job in (workflow.get("jobs") or {}).items():
        for step in job.get("steps") or []:
            yield job_id, step


def all_uses(workflow: dict) -> list[str]:
    """Every `uses:` value: of steps and of jobs that call reusable workflows."""
    found = [job["uses"] for job in (workflow.get("jobs") or {}).values() if "uses" in job]
    found += [step["uses"] for _, step in steps(workflow) if "uses" in step]
    return found


def test_there_are_workflows() -> None:
    for folder in (WORKFLOWS, STARTER_WORKFLOWS):
        assert {"ci.yml", "pr-comment.yml", "pages.yml"} <= {p.name for p in folder.glob("*.yml")}


def test_the_starter_comment_workflow_is_this_repositorys_own() -> None:
    """The sticky-comment workflow is generic: an adopter gets the same reviewed file, never a drifted copy."""
    ours = (WORKFLOWS / "pr-comment.yml").read_bytes()
    assert (STARTER_WORKFLOWS / "pr-comment.yml").read_bytes() == ours


# --- the real linters ------------------------------------------------------------------------------------------


def test_actionlint_finds_nothing() -> None:
    actionlint = tool("actionlint")
    shellcheck = tool("shellcheck")
    # pyflakes is off: no step runs an inline Python script, and its presence would change the result by machine.
    proc = run(
        [actionlint, "-no-color", "-oneline", f"-shellcheck={shellcheck}", "-pyflakes=", *map(str, WORKFLOW_FILES)]
    )
    assert proc.returncode == 0 and proc.stdout.strip() == "", f"actionlint reported:\n{proc.stdout}{proc.stderr}"


def test_zizmor_finds_nothing_offline() -> None:
    zizmor = tool("zizmor")
    # No token in its environment and --offline: it makes no network request.
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")}
    inputs = [str(WORKFLOWS), str(STARTER_WORKFLOWS)] + [str(p) for p in [GITHUB / "dependabot.yml"] if p.exists()]
    cmd = [zizmor, "--offline", "--no-progress", "--color=never", "--strict-collection"]
    proc = run([*cmd, "--config", str(GITHUB / "zizmor.yml"), *inputs], env=env)
    assert proc.returncode == 0, f"zizmor reported (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}"
    assert "No findings to report" in proc.stdout, proc.stdout + proc.stderr


def test_zizmor_ignores_are_narrow_and_justified() -> None:
    """An ignore names one audit and one existing workflow, with a comment saying why; no audit is disabled."""
    path = GITHUB / "zizmor.yml"
    config = load(path)
    assert set(config) == {"rules"}, "zizmor.yml may only hold per-rule ignores"
    text = path.read_text(encoding="utf-8")
    for rule, settings in config["rules"].items():
        assert set(settings) == {"ignore"}, f"{rule}: only `ignore:` lists are allowed (no disable, no config)"
        assert settings["ignore"], f"{rule}: empty ignore list"
        for entry in settings["ignore"]:
            file_name = str(entry).split(":")[0]
            assert (WORKFLOWS / file_name).is_file(), f"{rule}: ignore '{entry}' names no workflow in .github/workflows"
        block = text.split(f"{rule}:", 1)[1]
        assert "#" in block.split("- ", 1)[0], f"{rule}: the ignore needs a comment saying why"


# --- project rules, read with PyYAML ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_pull_request_target(path: Path) -> None:
    assert "pull_request_target" not in triggers(load(path)), f"{path.name}: pull_request_target is not allowed"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_action_is_pinned_to_a_sha_with_a_version_comment(path: Path) -> None:
    workflow = load(path)
    for ref in all_uses(workflow):
        if ref.startswith("./"):
            continue  # an action or workflow of this repository, reviewed with it
        assert SHA_PIN.match(ref), f"{path.name}: '{ref}' must be pinned to a full 40-hex commit SHA"

    lines = [m for line in path.read_text(encoding="utf-8").splitlines() if (m := USES_LINE.match(line))]
    assert sorted(m["ref"] for m in lines) == sorted(all_uses(workflow)), (
        f"{path.name}: write each `uses:` on its own line (block style) so its version comment can be checked"
    )
    for m in lines:
        if m["ref"].startswith("./"):
            continue
        assert m["comment"] and VERSION_COMMENT.search(m["comment"]), (
            f"{path.name}: '{m['ref']}' needs its version as a trailing comment, e.g. `# v4.2.2`"
        )


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_checkout_drops_the_token(path: Path) -> None:
    for job_id, step in steps(load(path)):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            value = (step.get("with") or {}).get("persist-credentials")
            assert value is False or str(value).lower() == "false", (
                f"{path.name}: job '{job_id}': actions/checkout needs `persist-credentials: false`"
            )


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_top_level_permissions_grant_no_write(path: Path) -> None:
    workflow = load(path)
    assert "permissions" in workflow, f"{path.name}: set top-level `permissions:` (e.g. `{{}}` or `contents: read`)"
    perms = workflow["permissions"]
    assert isinstance(perms, dict), f"{path.name}: top-level permissions must be a mapping, not '{perms}'"
    writes = sorted(scope for scope, level in perms.items() if level != "read")
    assert not writes, f"{path.name}: grant write access per job, not at the top level: {writes}"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_untrusted_expression_inside_a_script(path: Path) -> None:
    """Untrusted values reach scripts only through env:, never as ${{ }} text pasted into the script."""
    for job_id, step in steps(load(path)):
        scripts = {"run": step.get("run")}
        if str(step.get("uses", "")).startswith("actions/github-script@"):
            scripts["with.script"] = (step.get("with") or {}).get("script")
        for key, script in scripts.items():
            for expression in EXPRESSION.findall(str(script or "")):
                assert not UNTRUSTED.search(expression), (
                    f"{path.name}: job '{job_id}', step {key}: ${{{{{expression}}}}} is untrusted; "
                    "pass it through env: and use the variable"
                )


# --- the design of each workflow ----------------------------------------------------------------------------


def workflow(name: str) -> dict:
    return load(WORKFLOWS / name)


def job_steps(job: dict) -> list[dict]:
    return job.get("steps") or []


def step_using(job: dict, action: str) -> dict:
    matches = [s for s in job_steps(job) if str(s.get("uses", "")).startswith(f"{action}@")]
    assert matches, f"no step uses {action}"
    return matches[0]


def all_runs(job: dict) -> str:
    return "\n".join(str(s.get("run", "")) for s in job_steps(job))


def test_ci_runs_the_readme_commands_on_pull_requests() -> None:
    """What README and CONTRIBUTING promise a contributor: the test and build commands run on each pull request."""
    ci = workflow("ci.yml")
    assert "pull_request" in triggers(ci)
    runs = "\n".join(all_runs(job) for job in ci["jobs"].values())
    for command in ("bash scripts/test.sh", "leaderboard validate --format github", "bash scripts/build.sh"):
        assert command in runs, f"ci.yml does not run `{command}`"


def test_ci_builds_twice_with_the_same_source_date_epoch() -> None:
    build = workflow("ci.yml")["jobs"]["build"]
    runs = all_runs(build)
    assert "SOURCE_DATE_EPOCH=" in runs and "GITHUB_ENV" in runs, "both builds must share one SOURCE_DATE_EPOCH"
    assert runs.count("bash scripts/build.sh") >= 2 and "diff -r" in runs
    # the changelog is made from the git history of data/: a shallow clone would lose it
    assert step_using(build, "actions/checkout")["with"]["fetch-depth"] == 0


def test_pr_comment_reads_the_artifact_as_data_with_minimal_permissions() -> None:
    """A fork's pull request gets no write token: only this workflow_run workflow, which runs no code from the
    pull request, may comment, and it reads the diff CI uploaded as data."""
    wf = workflow("pr-comment.yml")
    on = triggers(wf)
    assert set(on) == {"workflow_run"}
    assert on["workflow_run"]["workflows"] == [workflow("ci.yml")["name"]], "it must follow the CI workflow"
    assert wf["permissions"] == {}
    (job,) = wf["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    # No checkout and no shell: nothing from the pull request is ever run.
    assert not any(str(s.get("uses", "")).startswith("actions/checkout@") for s in job_steps(job))
    assert not any("run" in s for s in job_steps(job))
    upload = step_using(workflow("ci.yml")["jobs"]["diff"], "actions/upload-artifact")
    download = step_using(job, "actions/download-artifact")
    assert download["with"]["name"] == upload["with"]["name"], "it must download the artifact CI uploads"
    script = "\n".join(
        str(s["with"]["script"]) for s in job_steps(job) if str(s.get("uses", "")).startswith("actions/github-script@")
    )
    assert "<!-- leaderboard-diff -->" in script, "the sticky comment is found by its hidden marker"
    assert "/^[0-9]{1,10}$/.test(" in script, "the PR number from the artifact must be checked to be digits only"
    assert "updateComment" in script and "createComment" in script
    assert "${{" not in script


def test_pages_gives_write_access_only_to_a_deploy_job_that_runs_no_code() -> None:
    wf = workflow("pages.yml")
    assert "pull_request" not in triggers(wf) and wf["permissions"] == {}
    for name, job in wf["jobs"].items():
        writes = {scope for scope, level in (job.get("permissions") or {}).items() if level == "write"}
        if writes:
            assert not any("run" in s for s in job_steps(job)), f"{name} may write {writes}: it must run no script"
            assert not any(str(s.get("uses", "")).startswith("actions/checkout@") for s in job_steps(job)), name
    assert "bash scripts/build.sh" in all_runs(wf["jobs"]["build"]), "the published site is the README's build"


# --- the other files in .github/ -------------------------------------------------------------------------------


def test_codeowners() -> None:
    owners: dict[str, list[str]] = {}
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *teams = line.split()
            owners[pattern] = teams
    for path in ("/leaderboard/", "/schemas/", "/.github/"):
        assert owners.get(path) == ["@leaderboard/maintainers"], path
    assert owners.get("/data/") == ["@leaderboard/curators"]


def test_pull_request_template_has_the_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    checklist = "\n".join(items).lower()
    for phrase in ("one paper per file", "verbatim", "no rounding", "not stated", "leaderboard validate"):
        assert phrase in checklist, f"the checklist has no item about '{phrase}'"


ISSUE_FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def test_submit_result_issue_form_is_valid() -> None:
    """The rules of GitHub's issue-form syntax that a typo would break, checked offline."""
    form = load(GITHUB / "ISSUE_TEMPLATE" / "submit-result.yml")
    assert form["name"] == "Submit a result" and form["description"]
    assert set(form) <= {"name", "description", "title", "labels", "assignees", "projects", "type", "body"}
    ids, labels = [], []
    for element in form["body"]:
        kind, attributes = element["type"], element["attributes"]
        assert kind in ISSUE_FORM_TYPES, kind
        if kind == "markdown":
            assert set(element) == {"type", "attributes"} and attributes["value"].strip()
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"]), element["id"]
        ids.append(element["id"])
        labels.append(attributes["label"])
        assert set(element) <= {"type", "id", "attributes", "validations"}
        if kind in ("dropdown", "checkboxes"):
            options = attributes["options"]
            assert options and len(options) == len({str(o) for o in options}), f"{element['id']}: options"
        if kind == "checkboxes":
            assert all(set(o) <= {"label", "required"} and o["label"] for o in attributes["options"])
        if "render" in attributes:
            assert kind == "textarea", f"{element['id']}: only a textarea can render"
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert len(labels) == len(set(labels)), "labels must be unique"
    for required in (
        "paper_title",
        "arxiv_id",
        "benchmark",
        "model",
        "metric_value",
        "conditions",
        "evidence_quote",
        "evidence_location",
        "confirmations",
    ):
        assert required in ids, f"the form has no '{required}' field"
    config = load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert isinstance(config.get("blank_issues_enabled"), bool)
