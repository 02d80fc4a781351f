#!/usr/bin/python3
"""Runs the `run:` steps of docs/examples/github-workflow.yml here, as GitHub would run
them in the `postgres` job, on a copy of fixtures/alembic/reggie in a git repository
whose origin/main is the sample and whose branch adds one revision.

    github_workflow_test.py SOURCE_DIR MIGSAFE MIGSAFE_WITH_SCRATCH

The postgres:17 service container is replaced by a scratch PostgreSQL 17 server that
MIGSAFE_WITH_SCRATCH boots (as `migsafe check --db postgres` does) and whose URL becomes
$DATABASE_URL; `uses:` steps cannot run here and are skipped (checkout: the test clones
the repository itself, with its whole history); the install steps are replaced by the
build's MIGSAFE on PATH. Two branches:

  safe    a revision that builds an index CONCURRENTLY, guarded, with lock_timeout, and
          the model's Index (and a requirements.txt, so the dependencies step makes its
          virtualenv and the checks run in it): every step exits 0, the github output is the clean summary
          and the SARIF file has no results;
  unsafe  a revision adding plates.vin, mapped by the models in the same release (the new
          code selects it before the migration has run): the gate exits 1 with `::error`
          annotations on the revision, the SARIF step still exits 0 and its file holds
          the expand-contract result.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

SAFE_REVISION = '''"""index plate_lookups.looked_up_at

Revision ID: 9f4c5d6e7a81
Revises: 8e3b4c5d6f70
"""
from alembic import op

revision = "9f4c5d6e7a81"
down_revision = "8e3b4c5d6f70"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_context().dialect.name == "postgresql":
        op.execute("SET lock_timeout = '5s'")
        with op.get_context().autocommit_block():
            op.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_plate_lookups_looked_up_at "
                       "ON plate_lookups (looked_up_at)")
    else:
        op.execute("CREATE INDEX IF NOT EXISTS ix_plate_lookups_looked_up_at "
                   "ON plate_lookups (looked_up_at)")


def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_plate_lookups_looked_up_at")
'''

UNSAFE_REVISION = '''"""add plates.vin

Revision ID: 9f4c5d6e7a82
Revises: 8e3b4c5d6f70
"""
from alembic import op

revision = "9f4c5d6e7a82"
down_revision = "8e3b4c5d6f70"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("SET lock_timeout = '5s'")
    op.execute("ALTER TABLE plates ADD COLUMN IF NOT EXISTS vin text")


def downgrade():
    op.execute("SET lock_timeout = '5s'")
    op.execute("ALTER TABLE plates DROP COLUMN IF EXISTS vin")
'''


def safe_change(project):
    write(os.path.join(project, "migrations/versions/9f4c5d6e7a81_index_lookups_looked_up_at.py"),
          SAFE_REVISION)
    edit(os.path.join(project, "app/models.py"),
         '        sa.Index("ix_plate_lookups_api_key_id", "api_key_id"),\n',
         '        sa.Index("ix_plate_lookups_api_key_id", "api_key_id"),\n'
         '        sa.Index("ix_plate_lookups_looked_up_at", "looked_up_at"),\n')
    # The dependencies step's virtualenv, through $GITHUB_ENV (nothing to download).
    write(os.path.join(project, "requirements.txt"),
          "# SQLAlchemy, Alembic and psycopg2 come from Debian's packages here\n")
    return "9f4c5d6e7a81_index_lookups_looked_up_at.py"


def unsafe_change(project):
    write(os.path.join(project, "migrations/versions/9f4c5d6e7a82_add_plates_vin.py"),
          UNSAFE_REVISION)
    edit(os.path.join(project, "app/models.py"),
         '    state = sa.Column(sa.Text)  # revision 6c1f0e2d9a84 (SQLite: with the table)\n',
         '    state = sa.Column(sa.Text)  # revision 6c1f0e2d9a84 (SQLite: with the table)\n'
         '    vin = sa.Column(sa.Text)\n')
    return "9f4c5d6e7a82_add_plates_vin.py"


# Steps the test does not run, by id, and what stands in for them.
REPLACED = {
    "install-tools": "git and make are installed here (the step apt-gets them in the container)",
    "install-migsafe": "the build's migsafe is on PATH instead",
}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print(f"FAIL: {message}", flush=True)


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def edit(path, old, new):
    with open(path) as f:
        text = f.read()
    if old not in text:
        sys.exit(f"{path} no longer holds {old!r}: update the test")
    write(path, text.replace(old, new, 1))


def git(cwd, *args, env):
    process = subprocess.run(["git", *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    if process.returncode != 0:
        sys.exit(f"git {' '.join(args)} failed ({process.returncode}): {process.stderr}")


def make_workspace(source_dir, root, change, env):
    """origin.git: main holds the sample, branch `change` adds one revision; the
    workspace is a full clone checked out at the branch (checkout, fetch-depth: 0)."""
    seed = os.path.join(root, "seed")
    shutil.copytree(os.path.join(source_dir, "fixtures/alembic/reggie"), seed,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.db"))
    origin = os.path.join(root, "origin.git")
    git(root, "init", "-q", "--bare", "-b", "main", origin, env=env)
    git(seed, "init", "-q", "-b", "main", env=env)
    git(seed, "add", "-A", env=env)
    git(seed, "commit", "-q", "-m", "reggie as deployed", env=env)
    git(seed, "remote", "add", "origin", origin, env=env)
    git(seed, "push", "-q", "origin", "main", env=env)
    git(seed, "checkout", "-q", "-b", "change", env=env)
    revision_file = change(seed)
    git(seed, "add", "-A", env=env)
    git(seed, "commit", "-q", "-m", "one new revision", env=env)
    git(seed, "push", "-q", "origin", "change", env=env)
    workspace = os.path.join(root, "workspace")
    git(root, "clone", "-q", "--branch", "change", origin, workspace, env=env)
    git(workspace, "rev-parse", "--verify", "-q", "origin/main", env=env)
    return workspace, revision_file


def should_run(condition, failed):
    """The status functions of a step's `if:` that the workflow may use."""
    if condition is None:
        return not failed
    expression = str(condition).strip()
    if expression.startswith("${{") and expression.endswith("}}"):
        expression = expression[3:-2].strip()
    known = {"always()": True, "!cancelled()": True, "success()": not failed, "failure()": failed}
    if expression not in known:
        sys.exit(f"the test cannot evaluate `if: {condition}`: teach should_run() about it")
    return known[expression]


def read_env_file(path):
    values = {}
    if not os.path.exists(path):
        return values
    with open(path) as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and "=" not in line.split("<<")[0]:
            name, delimiter = line.split("<<", 1)
            body = []
            i += 1
            while lines[i] != delimiter:
                body.append(lines[i])
                i += 1
            values[name] = "\n".join(body)
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
        i += 1
    return values


def run_job(job, workspace, base_env, root):
    """Runs the job's steps in order as the runner would; returns [(step, status, output)],
    status an exit code or "skipped"/"replaced"/"uses", and the environment at the end."""
    shell = job.get("defaults", {}).get("run", {}).get("shell", "bash")
    if shell != "bash":
        sys.exit(f"the test runs `shell: bash` steps only, the job says {shell}")
    env = dict(base_env)
    env.update({k: str(v) for k, v in job.get("env", {}).items()})
    # The service container: the scratch server migsafe_with_scratch booted.
    env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    env["GITHUB_WORKSPACE"] = workspace
    env["GITHUB_ACTIONS"] = "true"
    env["CI"] = "true"
    results = []
    failed = False
    for index, step in enumerate(job["steps"]):
        name = step.get("name") or step.get("uses") or step.get("id") or f"step {index + 1}"
        if not should_run(step.get("if"), failed):
            print(f"--- {name}: skipped (an earlier step failed)", flush=True)
            results.append((step, "skipped", ""))
            continue
        if "uses" in step:
            print(f"--- {name}: `uses: {step['uses']}` cannot run here, skipped", flush=True)
            results.append((step, "uses", ""))
            continue
        if step.get("id") in REPLACED:
            print(f"--- {name}: not run: {REPLACED[step['id']]}", flush=True)
            results.append((step, "replaced", ""))
            continue
        script = step["run"]
        if "${{" in script:
            sys.exit(f"step {name!r} uses a ${{{{ }}}} expression the test cannot evaluate")
        step_env = dict(env)
        step_env.update({k: str(v) for k, v in step.get("env", {}).items()})
        github_env = os.path.join(root, f"github_env.{index}")
        github_path = os.path.join(root, f"github_path.{index}")
        open(github_env, "w").close()
        open(github_path, "w").close()
        step_env["GITHUB_ENV"] = github_env
        step_env["GITHUB_PATH"] = github_path
        script_file = os.path.join(root, f"step.{index}.sh")
        write(script_file, script)
        cwd = os.path.join(workspace, step.get("working-directory", "."))
        print(f"--- {name}: bash -eo pipefail\n{script.rstrip()}", flush=True)
        process = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script_file],
                                 cwd=cwd, env=step_env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, timeout=300)
        print(process.stdout, end="", flush=True)
        print(f"--- exit code {process.returncode}", flush=True)
        results.append((step, process.returncode, process.stdout))
        if process.returncode != 0:
            failed = True
        env.update(read_env_file(github_env))
        with open(github_path) as f:
            for folder in f.read().split():
                env["PATH"] = folder + os.pathsep + env["PATH"]
    return results, env


def find(results, predicate, what):
    found = [r for r in results if predicate(r[0])]
    if len(found) != 1:
        sys.exit(f"the workflow should have exactly one step {what}, it has {len(found)}")
    return found[0]


def check_workflow_shape(workflow, job):
    service = job.get("services", {}).get("postgres", {})
    check(service.get("image") == "postgres:17", "the postgres job's service is postgres:17")
    check("--health-cmd" in str(service.get("options", "")), "the service has a health check")
    checkout = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@")]
    check(len(checkout) == 1 and checkout[0].get("with", {}).get("fetch-depth") == 0,
          "one actions/checkout step, with fetch-depth: 0")
    for step_id in REPLACED:
        check(any(s.get("id") == step_id for s in job["steps"]),
              f"the workflow has the step id {step_id} this test replaces")
    check("DATABASE_URL" in job.get("env", {}), "the job sets DATABASE_URL")


def scenario(label, change, source_dir, job, base_env, migsafe_dir):
    print(f"=== {label}", flush=True)
    root = tempfile.mkdtemp(prefix=f"migsafe-workflow-{label}-")
    try:
        env = dict(base_env)
        workspace, revision_file = make_workspace(source_dir, root, change, env)
        env["PATH"] = migsafe_dir + os.pathsep + env["PATH"]
        results, env_seen = run_job(job, workspace, env, root)

        gate = find(results, lambda s: "--format github" in s.get("run", ""),
                    "running --format github")
        sarif_step = find(results, lambda s: "--format sarif" in s.get("run", ""),
                          "running --format sarif")
        upload = find(results, lambda s: str(s.get("uses", "")).startswith(
            "github/codeql-action/upload-sarif@"), "uploading SARIF")
        check(upload[1] == "uses" and upload[0].get("if") == "always()",
              f"{label}: the upload-sarif step runs `if: always()` (and is skipped here)")
        check(all(r[1] in (0, "uses", "replaced") for r in results if r is not gate),
              f"{label}: every other step exits 0: {[(r[0].get('name'), r[1]) for r in results]}")

        sarif_path = os.path.join(workspace, upload[0].get("with", {}).get("sarif_file", ""))
        sarif = None
        try:
            with open(sarif_path) as f:
                sarif = json.load(f)
        except (OSError, ValueError) as error:
            check(False, f"{label}: {sarif_path} is a JSON file: {error}")
        check(isinstance(sarif, dict) and isinstance(sarif.get("runs"), list) and sarif["runs"],
              f"{label}: the SARIF file has runs")
        sarif_results = sarif["runs"][0].get("results", []) if sarif and sarif.get("runs") else []
        annotations = [line for line in gate[2].splitlines() if line.startswith("::")]

        if label == "safe":
            check(gate[1] == 0, f"{label}: the gate exits 0, not {gate[1]}")
            check(os.path.exists(os.path.join(workspace, ".venv/bin/python3")),
                  f"{label}: the dependencies step made the virtualenv of requirements.txt")
            check(env_seen.get("VIRTUAL_ENV") == os.path.join(workspace, ".venv"),
                  f"{label}: the later steps ran with VIRTUAL_ENV from $GITHUB_ENV: "
                  f"{env_seen.get('VIRTUAL_ENV')}")
            check("migsafe check: 0 errors, 0 warnings, 0 infos" in gate[2],
                  f"{label}: the github output is the clean summary")
            check(not annotations, f"{label}: no annotations: {annotations}")
            check(sarif_results == [], f"{label}: the SARIF run has no results: {sarif_results}")
            # Clean because the new revision was judged, not because none was found new.
            report = subprocess.run(
                ["migsafe", "check", "--db", os.environ["DATABASE_URL"], "--base-ref",
                 "origin/main", "--only", "expand-contract", "--format", "json"],
                cwd=workspace, env=env, stdout=subprocess.PIPE, text=True, timeout=300)
            judged = [c for c in json.loads(report.stdout)["checks"]
                      if c["name"] == "expand-contract"]
            check(report.returncode == 0 and len(judged) == 1 and judged[0]["status"] == "passed"
                  and "no new revision" not in judged[0].get("note", ""),
                  f"{label}: expand-contract judged the new revision and passed: "
                  f"exit {report.returncode}, {judged}")
            print(f"expand-contract: {judged}", flush=True)
        else:
            check(gate[1] == 1, f"{label}: the gate exits 1, not {gate[1]}")
            errors = [a for a in annotations
                      if a.startswith("::error ") and f"versions/{revision_file}" in a]
            check(errors, f"{label}: ::error annotations on {revision_file}: {annotations}")
            check(any("expand-contract" in a for a in errors),
                  f"{label}: an expand-contract annotation: {errors}")
            check(sarif_step[1] == 0, f"{label}: the SARIF step exits 0 on findings")
            check(any(r.get("ruleId") == "expand-contract" for r in sarif_results),
                  f"{label}: the SARIF run has the expand-contract result: "
                  f"{[r.get('ruleId') for r in sarif_results]}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: github_workflow_test.py SOURCE_DIR MIGSAFE MIGSAFE_WITH_SCRATCH")
    source_dir, migsafe, with_scratch = (os.path.abspath(a) for a in sys.argv[1:])
    if os.environ.get("MIGSAFE_WORKFLOW_TEST_SCRATCH") != "1":
        # One scratch server for the job, as one service container: boot it and run the
        # rest of this script with its URL in $DATABASE_URL.
        env = dict(os.environ, MIGSAFE_WORKFLOW_TEST_SCRATCH="1")
        os.execve(with_scratch, [with_scratch, "postgres", "--", sys.executable,
                                 os.path.abspath(__file__), *sys.argv[1:]], env)

    with open(os.path.join(source_dir, "docs/examples/github-workflow.yml")) as f:
        workflow = yaml.safe_load(f)
    job = workflow["jobs"]["postgres"]
    check_workflow_shape(workflow, job)

    home = tempfile.mkdtemp(prefix="migsafe-workflow-home-")
    try:
        # A HOME of its own: the steps' `git config --global` stays there.
        base_env = {k: v for k, v in os.environ.items()
                    if k not in ("DATABASE_URL", "MIGSAFE_WORKFLOW_TEST_SCRATCH", "GIT_DIR",
                                 "GIT_WORK_TREE", "VIRTUAL_ENV")}
        base_env.update(HOME=home, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="migsafe test",
                        GIT_AUTHOR_EMAIL="test@example.invalid",
                        GIT_COMMITTER_NAME="migsafe test",
                        GIT_COMMITTER_EMAIL="test@example.invalid")
        migsafe_dir = os.path.dirname(migsafe)
        scenario("safe", safe_change, source_dir, job, base_env, migsafe_dir)
        scenario("unsafe", unsafe_change, source_dir, job, base_env, migsafe_dir)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    if failures:
        print(f"{len(failures)} failure(s):\n  " + "\n  ".join(failures))
        return 1
    print("ok: the workflow's run: steps behave as documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
