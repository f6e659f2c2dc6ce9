#!/usr/bin/env python3
"""make bench: aigate and semgrep side by side on the same input and the same rules.

Usage: bench.py PATH-TO-AIGATE [--runs N] [--full-runs N] [--cases hook,hook-registry,pr,...]

Each case runs every tool once to warm the caches (not counted), then N more times, alternating
which tool goes first, and reports the median wall time, the spread, the ratio to aigate and the
peak resident memory (the largest single process of the run's process tree). Fixtures are built
deterministically in bench/work/ (git-ignored) and reused; results go to bench/results.json.
Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "bench" / "work"
RESULTS = REPO / "bench" / "results.json"
RULESETS = REPO / "rulesets"
# semgrep's public rule registry (read in place, never copied): the hook-registry case's config.
REGISTRY = Path(os.environ.get("AIGATE_REGISTRY", REPO.parent / "shared" / "semgrep-rules"))

# The real code base of the full-scan case, pinned so runs compare.
PACKAGE = ("Django", "5.1.4")
# Bump when a generator below changes, so cached fixtures are rebuilt.
FIXTURE_VERSION = "4"

# The targets on a 2-core machine.
TARGETS = {
    "hook": "aigate check --staged median <= 50 ms, every shipped rule loaded",
    "hook-registry": ("aigate check --staged of 10 new files / ~5,000 lines median <= 60 ms, "
                      "the semgrep-rules python folder as the config (semgrep off)"),
    "hook-infra": ("aigate check --staged of a Dockerfile, a GitHub workflow and a shell script "
                   "median <= 50 ms, every shipped rule in aigate's engine"),
    "pr": "aigate check --base --head over 50 files median <= 500 ms",
    "full": "aigate scan >= 10x faster than semgrep scan --experimental",
    "engine": "aigate scan faster than semgrep scan on the rules aigate's engine runs",
    "engine-js": "aigate scan faster than semgrep scan on a JavaScript code base",
    "rules": "loading every shipped rule <= 30 ms",
    "attribution-400": "attribution of 400 files / 40,000 added lines <= 500 ms",
    "rules-500": "loading and validating 500 rules from 300 files < 100 ms",
    "attribution-50": "attribution of 50 files / 2,000 added lines in 10,000 commits < 1 s",
}

SEMGREP_FLAGS = ["--disable-version-check", "--metrics=off"]
# aigate with semgrep off: its own work (git, attribution, rule loading, walking, the in-process
# engine once it runs rules), the path the hook budget is about.
OWN = "aigate, semgrep off"
FIXED_AUTHOR = ("Bench Person", "bench.person@example.org")
AI_MESSAGES = [
    "Co-authored-by: Claude <noreply@anthropic.com>",
    "Assisted-by: Claude:claude-sonnet-4",
    "\U0001f916 Generated with [Claude Code](https://claude.com/claude-code)",
]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Running and measuring a command


class Measured:
    """One run of one command: wall seconds, peak RSS in KiB, exit status and output files."""

    def __init__(self, wall: float, rss_kb: int | None, status: int, stdout: str, stderr: str):
        self.wall = wall
        self.rss_kb = rss_kb
        self.status = status
        self.stdout = stdout
        self.stderr = stderr


TIME_BIN = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def measure(argv: list[str], cwd: Path, env: dict[str, str], timeout: float) -> Measured:
    """Runs argv once; wall time from a monotonic clock around the process, memory from
    /usr/bin/time -v when installed, else from wait4's rusage of the child (its ru_maxrss covers
    the descendants it waited for)."""
    with tempfile.TemporaryDirectory(prefix="aigate-bench-") as scratch:
        out_path, err_path, time_path = (Path(scratch) / n for n in ("out", "err", "time"))
        full = [TIME_BIN, "-v", "-o", str(time_path), *argv] if TIME_BIN else argv
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            started = time.perf_counter()
            process = subprocess.Popen(
                full, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                start_new_session=True)
            deadline = started + timeout
            rusage = None
            while True:
                pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    os.killpg(process.pid, 9)
                    os.wait4(process.pid, 0)
                    raise TimeoutError(f"{' '.join(argv[:3])}… did not finish in {timeout:.0f} s")
                time.sleep(0.0005)
            wall = time.perf_counter() - started
            process.returncode = os.waitstatus_to_exitcode(status)
        rss = None
        if TIME_BIN and time_path.exists():
            for line in time_path.read_text(errors="replace").splitlines():
                if "Maximum resident set size" in line:
                    rss = int(line.rsplit(":", 1)[1])
        elif rusage is not None:
            rss = rusage.ru_maxrss
        return Measured(
            wall, rss, process.returncode, out_path.read_text(errors="replace"),
            err_path.read_text(errors="replace"))


class Tool:
    """A command to time in a case; `skip` says why it cannot run here."""

    def __init__(self, name: str, argv: list[str], cwd: Path, ok: set[int], skip: str | None = None,
                 unrun_ok: bool = False):
        self.name = name
        self.argv = argv
        self.cwd = cwd
        self.ok = ok
        self.skip = skip
        # With semgrep off and no in-process engine for the rules, aigate does everything but
        # the matching and exits 2 saying the rules cannot run: that run still times its own work.
        self.unrun_ok = unrun_ok

    def accepts(self, run: "Measured") -> bool:
        if run.status in self.ok:
            return True
        return self.unrun_ok and run.status == 2 and "cannot run" in run.stderr


def run_case(
    key: str, title: str, tools: list[Tool], runs: int, env: dict[str, str], timeout: float
) -> dict:
    """Warm-up plus `runs` alternating runs of each tool; returns the case's result record."""
    log(f"\n== {title}")
    case: dict = {"key": key, "title": title, "runs": runs, "tools": {}}
    live: list[Tool] = []
    for tool in tools:
        record = {"command": " ".join(tool.argv), "cwd": str(tool.cwd)}
        case["tools"][tool.name] = record
        if tool.skip:
            record["status"] = "skipped"
            record["reason"] = tool.skip
            log(f"   {tool.name}: skipped ({tool.skip})")
            continue
        log(f"   {tool.name}: warm-up: {record['command']}")
        try:
            warm = measure(tool.argv, tool.cwd, env, timeout)
        except TimeoutError as error:
            record.update(status="failed", reason=str(error))
            continue
        if not tool.accepts(warm):
            record.update(
                status="failed", reason=f"exit status {warm.status}",
                stderr_tail=warm.stderr[-1500:])
            log(f"   {tool.name}: FAILED, exit {warm.status}\n{warm.stderr[-1500:]}")
            continue
        record.update(status="ok", exit_status=warm.status, walls=[], rss_kb=[])
        if warm.status == 2:
            record["note"] = "exit 2: no engine could run the rules, so no matching was timed"
        record["_warm"] = warm
        live.append(tool)
    for index in range(runs):
        order = live if index % 2 == 0 else list(reversed(live))
        for tool in order:
            record = case["tools"][tool.name]
            if record["status"] != "ok":
                continue
            try:
                run = measure(tool.argv, tool.cwd, env, timeout)
            except TimeoutError as error:
                record.update(status="failed", reason=str(error))
                continue
            if not tool.accepts(run):
                record.update(
                    status="failed", reason=f"exit status {run.status} on run {index + 1}",
                    stderr_tail=run.stderr[-1500:])
                continue
            record["walls"].append(run.wall)
            if run.rss_kb is not None:
                record["rss_kb"].append(run.rss_kb)
    for record in case["tools"].values():
        if record.get("status") == "ok" and record["walls"]:
            walls = record["walls"]
            record["median_s"] = statistics.median(walls)
            record["min_s"] = min(walls)
            record["max_s"] = max(walls)
            record["peak_rss_mb"] = round(max(record["rss_kb"]) / 1024, 1) if record["rss_kb"] else None
    aigate = case["tools"].get("aigate", {}).get("median_s")
    for record in case["tools"].values():
        if aigate and record.get("median_s"):
            record["ratio_to_aigate"] = record["median_s"] / aigate
    return case


def outputs(case: dict) -> dict[str, Measured]:
    """The warm-up runs' outputs, removed from the record (they are not written to JSON)."""
    found = {}
    for name, record in case["tools"].items():
        warm = record.pop("_warm", None)
        if warm is not None:
            found[name] = warm
    return found


# ---------------------------------------------------------------------------------------------
# Fixtures


def git(args: list[str], cwd: Path, env: dict[str, str] | None = None, data: bytes | None = None) -> str:
    fixed = dict(os.environ)
    fixed.update({
        "GIT_AUTHOR_NAME": FIXED_AUTHOR[0], "GIT_AUTHOR_EMAIL": FIXED_AUTHOR[1],
        "GIT_COMMITTER_NAME": FIXED_AUTHOR[0], "GIT_COMMITTER_EMAIL": FIXED_AUTHOR[1],
        "GIT_AUTHOR_DATE": "1700000000 +0000", "GIT_COMMITTER_DATE": "1700000000 +0000",
        "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(WORK),
    })
    fixed.update(env or {})
    result = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
         "-c", "core.hooksPath=/dev/null", *args],
        cwd=cwd, env=fixed, input=data, capture_output=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed in {cwd}: {result.stderr.decode()[-800:]}")
    return result.stdout.decode()


def fresh(path: Path) -> bool:
    """Whether a cached fixture at `path` was built by this generator version."""
    return (path / ".bench-fixture").exists() and (
        (path / ".bench-fixture").read_text().strip() == FIXTURE_VERSION)


def stamp(path: Path) -> None:
    (path / ".bench-fixture").write_text(FIXTURE_VERSION + "\n")


def package_source() -> Path:
    """The pinned package's wheel, unpacked once into bench/work (pip download --no-deps)."""
    name, version = PACKAGE
    target = WORK / f"{name.lower()}-{version}"
    if fresh(target):
        return target
    shutil.rmtree(target, ignore_errors=True)
    downloads = WORK / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    wheels = list(downloads.glob(f"{name}-{version}-*.whl"))
    if not wheels:
        log(f"   downloading {name}=={version} with pip (once)")
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
             "--disable-pip-version-check", "-q", f"{name}=={version}", "-d", str(downloads)],
            check=True)
        wheels = list(downloads.glob(f"{name}-{version}-*.whl"))
    target.mkdir(parents=True)
    with zipfile.ZipFile(wheels[0]) as wheel:
        for member in wheel.namelist():
            if member.startswith(name.lower() + "/"):
                wheel.extract(member, target)
    stamp(target)
    return target


def javascript_source() -> tuple[Path | None, str]:
    """npm's JavaScript source as Debian's packages install it (nodejs ships it; the `npm`
    package too), copied into bench/work so both tools see the same tree; else fetched with
    `apt-get download npm`. Returns the folder (or None) and a description or why it is missing."""
    target = WORK / "npm-source"
    if fresh(target):
        return target / "npm", (target / "ORIGIN").read_text().strip()
    shutil.rmtree(target, ignore_errors=True)
    for candidate in (Path("/usr/lib/node_modules/npm"), Path("/usr/share/nodejs/npm")):
        if (candidate / "package.json").exists():
            shutil.copytree(candidate, target / "npm", symlinks=True)
            version = json.loads((candidate / "package.json").read_text()).get("version", "?")
            origin = f"npm {version} from {candidate} (installed by apt)"
            break
    else:
        downloads = WORK / "downloads"
        downloads.mkdir(parents=True, exist_ok=True)
        fetched = subprocess.run(["apt-get", "download", "npm"], cwd=downloads,
                                 capture_output=True, text=True, check=False)
        debs = sorted(downloads.glob("npm_*.deb"))
        if fetched.returncode != 0 or not debs:
            return None, "npm's source is not installed and `apt-get download npm` failed"
        unpacked = WORK / "npm-deb"
        shutil.rmtree(unpacked, ignore_errors=True)
        subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(unpacked)], check=True)
        found = [p.parent for p in unpacked.rglob("package.json")
                 if p.parent.name == "npm" and (p.parent / "lib").is_dir()]
        if not found:
            return None, f"{debs[-1].name} holds no npm source"
        shutil.copytree(found[0], target / "npm", symlinks=True)
        origin = f"npm from {debs[-1].name} (apt-get download)"
    # Its bundled dependencies are most of the code, and semgrep never enters a folder named
    # node_modules: they are renamed `bundled` so that both tools scan them.
    for folder in sorted((target / "npm").rglob("node_modules"), key=lambda p: -len(p.parts)):
        if folder.is_dir():
            folder.rename(folder.with_name("bundled"))
    (target / "ORIGIN").write_text(origin + "; node_modules folders renamed bundled\n")
    stamp(target)
    return target / "npm", origin


def python_files(root: Path) -> list[str]:
    """The package's Python files (relative), in a fixed order, test-like folders left out."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        size = path.stat().st_size
        if "/test" in relative or "/migrations/" in relative or not 4000 <= size <= 60000:
            continue
        found.append(relative)
    return found


def added_block(index: int, lines: int = 30) -> str:
    """`lines` lines of plausible Python, one of them a shell=True call the shipped rule flags."""
    body = [
        "",
        f"def _bench_helper_{index}(value, items=None):",
        '    """Added by the aigate bench fixture."""',
        "    import os",
        "    import subprocess",
        "",
        "    items = list(items or [])",
        "    total = 0",
        "    for position, item in enumerate(items):",
        "        if position % 2:",
        "            total += len(str(item))",
        "        else:",
        "            total -= 1",
        '    path = os.path.join("/tmp", str(value))',
        "    if os.path.exists(path):",
        "        subprocess.run(value, shell=True)",
        '    subprocess.run(["echo", str(total)])',
        '    subprocess.run("ls -l", shell=True)',
        "    return total",
    ]
    while len(body) < lines:
        body.append(f"    # padding line {len(body)} of helper {index}")
    return "\n".join(body[:lines]) + "\n"


def hook_repo() -> Path:
    """A repository whose index stages 10 files with 30 added lines each (300 lines)."""
    repo = WORK / "hook-repo"
    if fresh(repo):
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir(parents=True)
    source = package_source()
    files = python_files(source)
    chosen = files[:: max(1, len(files) // 10)][:10]
    git(["init", "-q"], repo)
    for relative in chosen:
        (repo / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / relative, repo / relative)
    git(["add", "-A"], repo)
    git(["commit", "-q", "-m", "Base"], repo)
    for index, relative in enumerate(chosen):
        with open(repo / relative, "a", encoding="utf-8") as handle:
            handle.write(added_block(index))
    git(["add", "-A"], repo)
    (repo / ".git" / "BENCH_MSG").write_text(f"Add helpers\n\n{AI_MESSAGES[0]}\n")
    (repo / ".git" / "bench-files").write_text("\n".join(chosen) + "\n")
    stamp(repo)
    return repo


# The infra hook case's staged files: what an agent writes around the code it ships (our own
# words; each holds a few lines the shipped docker, github-actions and shell packs flag).
INFRA_FILES = {
    "Dockerfile": """# syntax=docker/dockerfile:1
FROM python:3.12-slim AS build
ARG VERSION=1.0
ENV PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN apt-get update \\
  && apt-get install -y --no-install-recommends curl ca-certificates \\
  && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://example.org/install.sh | sh
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN chmod 777 /app/data
FROM python:3.12-slim
COPY --from=build /app /app
EXPOSE 8000
CMD ["python", "-m", "app"]
""",
    ".github/workflows/ci.yml": """name: CI
on:
  push:
    branches: [main]
  pull_request_target:
    types: [opened, synchronize]
permissions: write-all
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Greet
        run: |
          echo "Title: ${{ github.event.pull_request.title }}"
          pip install -r requirements.txt
          pytest -q
      - name: Deploy
        env:
          TOKEN: ${{ secrets.DEPLOY_TOKEN }}
        run: ./scripts/deploy.sh
""",
    "scripts/deploy.sh": """#!/bin/bash
set -euo pipefail
HOST="${1:-staging}"
log() { echo "[deploy] $*"; }
for service in api worker; do
  log "building $service"
  docker build -t "registry.example.org/$service:latest" "services/$service"
done
if [ "$HOST" = production ]; then
  curl -k -X POST "https://$HOST.example.org/hooks/deploy"
else
  curl -fsS "https://$HOST.example.org/hooks/deploy"
fi
docker run --privileged -v /var/run/docker.sock:/var/run/docker.sock agent:latest
cat <<END > /tmp/deploy.env
HOST=$HOST
END
log done
""",
}


def infra_hook_repo() -> Path:
    """A repository whose index stages a Dockerfile, a GitHub workflow and a shell script as
    new files, over a one-file base commit."""
    repo = WORK / "hook-infra-repo"
    if fresh(repo):
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir(parents=True)
    git(["init", "-q"], repo)
    (repo / "README").write_text("bench\n")
    git(["add", "-A"], repo)
    git(["commit", "-q", "-m", "Base"], repo)
    for relative, text in INFRA_FILES.items():
        (repo / relative).parent.mkdir(parents=True, exist_ok=True)
        (repo / relative).write_text(text)
    (repo / "scripts" / "deploy.sh").chmod(0o755)
    git(["add", "-A"], repo)
    (repo / ".git" / "BENCH_MSG").write_text(f"Add container build and CI\n\n{AI_MESSAGES[0]}\n")
    (repo / ".git" / "bench-files").write_text("\n".join(INFRA_FILES) + "\n")
    stamp(repo)
    return repo


def registry_hook_repo() -> Path:
    """A repository whose index stages 10 real Python files as new files, about 5,000 lines in
    all (every line added), over a one-file base commit."""
    repo = WORK / "hook-registry-repo"
    if fresh(repo):
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir(parents=True)
    source = package_source()
    files = python_files(source)
    # Every third candidate in order, until about 5,000 lines are chosen.
    chosen, total = [], 0
    for relative in files[::3]:
        count = (source / relative).read_text(encoding="utf-8").count("\n")
        if count > 800 or total + count > 5200:
            continue
        chosen.append(relative)
        total += count
        if len(chosen) == 10:
            break
    git(["init", "-q"], repo)
    (repo / "README").write_text("bench\n")
    git(["add", "-A"], repo)
    git(["commit", "-q", "-m", "Base"], repo)
    for relative in chosen:
        (repo / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / relative, repo / relative)
    git(["add", "-A"], repo)
    (repo / ".git" / "BENCH_MSG").write_text(f"Add modules\n\n{AI_MESSAGES[0]}\n")
    (repo / ".git" / "bench-files").write_text("\n".join(chosen) + "\n")
    (repo / ".git" / "bench-lines").write_text(f"{total}\n")
    stamp(repo)
    return repo


def pr_repo() -> Path:
    """The whole package committed as the base, then 5 commits changing 10 files each (50)."""
    repo = WORK / "pr-repo"
    if fresh(repo):
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir(parents=True)
    source = package_source()
    shutil.copytree(source / PACKAGE[0].lower(), repo / PACKAGE[0].lower())
    git(["init", "-q"], repo)
    git(["add", "-A"], repo)
    git(["commit", "-q", "-m", "Base: the package as released"], repo)
    git(["tag", "bench-base"], repo)
    files = python_files(repo)
    chosen = files[:: max(1, len(files) // 50)][:50]
    for commit in range(5):
        for offset, relative in enumerate(chosen[commit * 10:(commit + 1) * 10]):
            with open(repo / relative, "a", encoding="utf-8") as handle:
                handle.write(added_block(commit * 10 + offset, 20))
        git(["add", "-A"], repo)
        message = f"Change batch {commit}"
        if commit % 2 == 0:
            message += f"\n\n{AI_MESSAGES[commit % len(AI_MESSAGES)]}"
        date = f"{1700000000 + 3600 * (commit + 1)} +0000"
        git(["commit", "-q", "-m", message], repo,
            {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})
    stamp(repo)
    return repo


def history_repo() -> Path:
    """10,000 commits through git fast-import: 9,000 of history on 400 files, tag bench-base,
    then 1,000 commits adding 40 lines each (400 files, 40,000 added lines), 30% AI-trailered."""
    repo = WORK / "history-repo"
    if fresh(repo):
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir(parents=True)
    git(["init", "-q"], repo)
    names = [("Ada Example", "ada@example.org"), ("Bo Example", "bo@example.org"),
             ("Cy Example", "cy@example.org"), ("Di Example", "di@example.org")]
    files = [f"src/module_{n // 40:02d}/file_{n:03d}.py" for n in range(400)]
    contents: dict[str, list[str]] = {path: [f"# {path}"] for path in files}
    base_length: dict[str, int] = {}
    chunks: list[bytes] = []

    def data(text: str) -> None:
        raw = text.encode()
        chunks.append(b"data %d\n" % len(raw) + raw + b"\n")

    for number in range(1, 10001):
        in_range = number > 9000
        ai = number % 10 < 3
        name, email = names[number % len(names)]
        when = 1600000000 + number * 600
        subject = f"Change {number}"
        message = subject + (f"\n\n{AI_MESSAGES[number % len(AI_MESSAGES)]}\n" if ai else "\n")
        chunks.append(
            f"commit refs/heads/main\nmark :{number}\n"
            f"author {name} <{email}> {when} +0000\ncommitter {name} <{email}> {when} +0000\n"
            .encode())
        data(message)
        if number > 1:
            chunks.append(f"from :{number - 1}\n".encode())
        changed = [files[number % 400]] if in_range else [files[number % 400], files[(number * 7) % 400]]
        for path in changed:
            lines = contents[path]
            if in_range:
                # Rewrite a line an earlier commit of the range added (never an older one, so
                # the range adds exactly 40,000 lines): blame must find the later commit.
                base = base_length.setdefault(path, len(lines))
                if number % 10 in (1, 5) and len(lines) - 10 >= base:
                    lines[-10] = f"value_rewritten_{number} = compute(-1)"
                lines.extend(f"value_{number}_{k} = compute({k}, '{name}')" for k in range(40))
            else:
                lines.append(f"old_{number} = {number}")
                if number % 5 == 0 and len(lines) > 3:
                    lines[len(lines) // 2] = f"old_rewritten_{number} = 0"
            chunks.append(f"M 100644 inline {path}\n".encode())
            data("\n".join(lines) + "\n")
        chunks.append(b"\n")
        if number == 9000:
            chunks.append(b"reset refs/tags/bench-base\nfrom :9000\n\n")
    git(["fast-import", "--quiet"], repo, data=b"".join(chunks))
    git(["symbolic-ref", "HEAD", "refs/heads/main"], repo)
    git(["reset", "-q", "--hard", "main"], repo)
    stamp(repo)
    return repo


# ---------------------------------------------------------------------------------------------
# Rules


def many_rules() -> Path:
    """500 search-mode rules in 300 files (deterministic), for the loading target."""
    folder = WORK / "rules-500"
    if fresh(folder):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    number = 0
    for index in range(300):
        count = 2 if index < 200 else 1
        rules = []
        for _ in range(count):
            number += 1
            rules.append(
                f"  - id: bench.rule-{number:03d}\n"
                f"    message: call_{number} with $X\n"
                f"    severity: WARNING\n"
                f"    languages: [python]\n"
                f"    metadata: {{cwe: ['CWE-{number}'], confidence: LOW}}\n"
                f"    patterns:\n"
                f"      - pattern: call_{number}($X, ...)\n"
                f"      - pattern-not: call_{number}(\"...\", ...)\n"
                f"      - metavariable-regex:\n"
                f"          metavariable: $X\n"
                f"          regex: ^[a-z_]+$\n")
        (folder / f"rules_{index:03d}.yaml").write_text("rules:\n" + "".join(rules))
    stamp(folder)
    return folder


def rule_files() -> list[Path]:
    """The shipped rule files, chosen the way aigate reads a pack folder (*.yml and *.yaml,
    recursively, not *.test.yaml nor .fixed. files)."""
    found = []
    for pack in sorted(p for p in RULESETS.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for path in sorted(pack.rglob("*")):
            if path.suffix not in (".yml", ".yaml") or not path.is_file():
                continue
            if path.name.endswith((".test.yaml", ".test.yml")) or ".fixed." in path.name:
                continue
            found.append(path)
    return found


def packs() -> list[Path]:
    return sorted(p for p in RULESETS.iterdir() if p.is_dir() and not p.name.startswith("."))


def configs(paths: list[Path]) -> list[str]:
    args = []
    for path in paths:
        args += ["--config", str(path)]
    return args


def empty_target() -> Path:
    """An empty Python file: scanning it costs semgrep its start-up and rule loading only."""
    folder = WORK / "empty"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.py").write_text("")
    return folder


def semgrep_runnable(semgrep: str, files: list[Path], env: dict[str, str]) -> tuple[list[Path], list[str]]:
    """The rule files semgrep accepts: a scan of an empty file with all of them (file by file
    only if that fails). `semgrep scan --validate` is no use here: it downloads
    p/semgrep-rule-lints, and without a network it hangs, then fails."""
    def valid(paths: list[Path]) -> bool:
        result = subprocess.run(
            [semgrep, "scan", *SEMGREP_FLAGS, "--json", "--quiet", *configs(paths), "empty.py"],
            cwd=empty_target(), env=env, capture_output=True, check=False)
        if result.returncode not in (0, 1):
            return False
        try:
            return not json.loads(result.stdout).get("errors")
        except json.JSONDecodeError:
            return False

    if valid(files):
        return files, []
    kept, refused = [], []
    for path in files:
        (kept if valid([path]) else refused).append(path)
    return kept, [str(p.relative_to(REPO)) for p in refused]


# ---------------------------------------------------------------------------------------------
# Findings parity (case 3)


def normalise(check_id: str, known: list[str]) -> str:
    """semgrep prefixes check_id with the config's folder; map it back to the rule's own id."""
    for rule_id in sorted(known, key=len, reverse=True):
        if check_id == rule_id or check_id.endswith("." + rule_id):
            return rule_id
    return check_id


def findings(text: str, known: list[str]) -> tuple[dict[str, set], dict[str, int], str | None]:
    """Per rule: {(path, line)}; per engine: how many findings it produced; files scanned."""
    document = json.loads(text)
    per_rule: dict[str, set] = {}
    engines: dict[str, int] = {}
    for result in document.get("results", []):
        rule = normalise(result["check_id"], known)
        path = result["path"]
        per_rule.setdefault(rule, set()).add((path, result["start"]["line"]))
        engine = (result.get("extra", {}).get("engine")
                  or result.get("extra", {}).get("aigate", {}).get("engine") or "semgrep")
        engines[engine] = engines.get(engine, 0) + 1
    scanned = document.get("paths", {}).get("scanned")
    if not isinstance(scanned, list):
        return per_rule, engines, None
    python = sum(1 for path in scanned if str(path).endswith(".py"))
    return per_rule, engines, f"{len(scanned)} files, {python} .py"


def parity(case: dict, outs: dict[str, Measured], known: list[str], root: Path) -> dict:
    tables = {}
    scanned = {}
    engines = {}
    for name, out in outs.items():
        if name == OWN:
            continue
        try:
            tables[name], engines[name], scanned[name] = findings(out.stdout, known)
        except (json.JSONDecodeError, KeyError) as error:
            tables[name] = {}
            engines[name] = {"unreadable output": str(error)}
    names = list(tables)
    rules = sorted(set().union(*[set(t) for t in tables.values()]) | set(known)) if names else []
    rows = []
    for rule in rules:
        row = {"rule": rule, "counts": {n: len(tables[n].get(rule, set())) for n in names}}
        sets = [tables[n].get(rule, set()) for n in names]
        union = set().union(*sets) if sets else set()
        differing = sorted(x for x in union if any(x not in s for s in sets))
        row["differ"] = bool(differing)
        sample = []
        for path, line in differing[:5]:
            text = ""
            try:
                text = (root / path).read_text(errors="replace").splitlines()[line - 1].strip()
            except (OSError, IndexError):
                pass
            sample.append({"path": path, "line": line, "text": text[:120],
                           "found_by": [n for n in names if (path, line) in tables[n].get(rule, set())]})
        row["sample"] = sample
        rows.append(row)
    return {"rows": rows, "scanned": scanned, "engines": engines}


# ---------------------------------------------------------------------------------------------
# The machine


def first_line(argv: list[str], env: dict[str, str]) -> str | None:
    try:
        result = subprocess.run(argv, capture_output=True, env=env, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (result.stdout or result.stderr).decode(errors="replace").strip()
    return text.splitlines()[0] if text else None


def machine(aigate: str, semgrep: str | None, env: dict[str, str]) -> dict:
    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    os_name = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"') + f" (kernel {platform.release()})"
    except OSError:
        pass
    commit = first_line(["git", "-C", str(REPO), "rev-parse", "HEAD"], env)
    dirty = bool(subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                                capture_output=True, check=False).stdout.strip())
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory": memory, "os": os_name,
        "python": platform.python_version(),
        "swift": first_line(["swift", "--version"], env),
        "semgrep": first_line([semgrep, "--version"], env) if semgrep else None,
        "semgrep_path": semgrep,
        "aigate": first_line([aigate, "--version"], env),
        "git_commit": commit, "git_dirty": dirty,
        "memory_from": "/usr/bin/time -v" if TIME_BIN else "wait4 rusage (ru_maxrss)",
        "load_average_at_start": list(os.getloadavg()),
    }


def locate_semgrep() -> str | None:
    """semgrep on PATH, resolved through a pyenv shim so the shim's start-up is not timed."""
    path = shutil.which("semgrep")
    if path and "/shims/" in path and shutil.which("pyenv"):
        real = subprocess.run(["pyenv", "which", "semgrep"], capture_output=True, text=True, check=False)
        if real.returncode == 0 and real.stdout.strip():
            return real.stdout.strip()
    return path


# ---------------------------------------------------------------------------------------------
# Printing


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def print_case(case: dict) -> None:
    print(f"\n{case['title']}  ({case['runs']} timed runs each, after one warm-up)")
    print(f"  {'tool':<24} {'median':>10} {'min':>10} {'max':>10} {'x aigate':>9} {'peak RSS':>10}")
    for name, record in case["tools"].items():
        if record.get("status") != "ok" or "median_s" not in record:
            print(f"  {name:<24} {record.get('status', '?')}: {record.get('reason', '')}")
            continue
        ratio = record.get("ratio_to_aigate")
        rss = record.get("peak_rss_mb")
        print(f"  {name:<24} {ms(record['median_s']):>10} {ms(record['min_s']):>10} "
              f"{ms(record['max_s']):>10} {f'{ratio:.2f}' if ratio else '-':>9} "
              f"{f'{rss:.0f} MB' if rss is not None else '-':>10}")
    for name, record in case["tools"].items():
        if record.get("note"):
            print(f"  note: {name}: {record['note']}")
    for note in case.get("notes", []):
        print(f"  note: {note}")


def engine_note(document: dict) -> str | None:
    """Which engines ran and how many rules each, from aigate check's JSON."""
    runs = document.get("engines")
    if not isinstance(runs, list):
        return None
    parts = []
    for run in runs:
        parts.append(f"{run.get('name') or run.get('engine', '?')}: {run.get('rules', '?')} rules")
    return "aigate's engines: " + (", ".join(parts) if parts else "none ran")


# ---------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("aigate")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool (default 5)")
    parser.add_argument("--full-runs", type=int, default=3, help="timed runs in the full scan")
    parser.add_argument(
        "--cases",
        default="hook,hook-registry,hook-infra,pr,full,engine,engine-js,rules,attribution")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run")
    args = parser.parse_args()
    wanted = set(args.cases.split(","))
    aigate = str(Path(args.aigate).resolve())
    WORK.mkdir(parents=True, exist_ok=True)

    env = dict(os.environ)
    env.update({"SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off",
                "AIGATE_RULESETS": str(RULESETS), "NO_COLOR": "1"})
    for key in ("GITHUB_EVENT_PATH", "GITHUB_BASE_REF", "CI_MERGE_REQUEST_DIFF_BASE_SHA"):
        env.pop(key, None)
    # aigate's decoded-rule cache lives in the bench's own folder: each case's warm-up run fills
    # it, as a hook's first commit would; the "rule cache off" runs show the cold cost.
    env["AIGATE_RULE_CACHE"] = str(WORK / "rule-cache")
    semgrep = locate_semgrep()
    if semgrep:
        env["PATH"] = str(Path(semgrep).parent) + os.pathsep + env.get("PATH", "")
    no_semgrep = None if semgrep else "semgrep is not installed"

    previous = None
    if RESULTS.exists():
        try:
            previous = json.loads(RESULTS.read_text())
        except json.JSONDecodeError:
            previous = None

    description = machine(aigate, semgrep, env)
    log("bench: " + json.dumps(description))
    all_files = rule_files()
    pack_configs = configs(packs())
    known: list[str] = []
    listing = subprocess.run([aigate, "rules", "list", "--format", "json", *pack_configs],
                             capture_output=True, text=True, env=env, check=False)
    engine_plan: dict[str, int] = {}
    # Rule files whose every rule aigate's own engine runs (case 3'): the engine alone.
    own_files: dict[str, bool] = {}
    if listing.returncode == 0:
        document = json.loads(listing.stdout)
        entries = document.get("rules", []) if isinstance(document, dict) else document
        for entry in entries:
            known.append(entry.get("id"))
            where = entry.get("engine") or entry.get("execution") or "?"
            engine_plan[str(where)] = engine_plan.get(str(where), 0) + 1
            if entry.get("path"):
                path = str(Path(entry["path"]).resolve())
                own_files[path] = own_files.get(path, True) and where == "aigate"
    runnable, refused = (semgrep_runnable(semgrep, all_files, env) if semgrep else (all_files, []))
    results: dict = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": description,
        "rules": {"files": [str(p.relative_to(REPO)) for p in all_files], "rule_count": len(known),
                  "engine_plan": engine_plan, "semgrep_refused": refused},
        "package": f"{PACKAGE[0]}=={PACKAGE[1]}",
        "cases": [],
    }
    log(f"bench: {len(known)} shipped rules in {len(all_files)} files; plan {engine_plan}")
    experimental = [semgrep, "scan", "--experimental"] if semgrep else ["semgrep"]
    # Without semgrep, aigate cannot run the rules its own engine does not: its default run is
    # skipped like semgrep's (the semgrep-off run still times its own work).
    delegated = sum(count for where, count in engine_plan.items() if where == "semgrep")
    needs_semgrep = (f"semgrep is not installed and aigate hands it {delegated} rules"
                     if delegated and not semgrep else None)
    off = WORK / "semgrep-off.yml"
    off.write_text("# bench: aigate's own work, semgrep never started\nsemgrep: {mode: off}\n")
    pysemgrep = [semgrep, "scan"] if semgrep else ["semgrep"]
    cases = []

    def staged_tools(repo: Path) -> list[Tool]:
        """A staged check with every shipped pack (as configured, and with semgrep off) against
        semgrep on the staged files."""
        staged = (repo / ".git" / "bench-files").read_text().split()
        return [
            Tool("aigate", [aigate, "check", "--staged", "--message-file", ".git/BENCH_MSG",
                            "--format", "json", *pack_configs], repo, {0, 1}, needs_semgrep),
            Tool(OWN, [aigate, "check", "--staged", "--message-file", ".git/BENCH_MSG",
                       "--format", "json", "--policy", str(off), *pack_configs], repo, {0, 1},
                 unrun_ok=True),
            Tool("semgrep", [*pysemgrep, *SEMGREP_FLAGS, "--json", "--quiet", *configs(all_files),
                             *staged], repo, {0, 1}, no_semgrep),
            Tool("semgrep --experimental", [*experimental, *SEMGREP_FLAGS, "--json", "--quiet",
                                            *configs(all_files), *staged], repo, {0, 1}, no_semgrep),
        ]

    if "hook" in wanted:
        tools = staged_tools(hook_repo())
        case = run_case("hook", "1. Hook path: check --staged, 10 files / 300 added lines",
                        tools, args.runs, env, args.timeout)
        case["target"] = {"text": TARGETS["hook"], "limit_s": 0.050}
        cases.append((case, outputs(case)))

    registry_python = REGISTRY / "python"
    if "hook-registry" in wanted:
        repo = registry_hook_repo()
        staged = (repo / ".git" / "bench-files").read_text().split()
        lines = (repo / ".git" / "bench-lines").read_text().strip()
        missing = None if registry_python.is_dir() else f"{registry_python} is missing"
        # The target is aigate's own engine with every registry rule loaded: the rules it hands
        # to semgrep (taint mode) would start semgrep, which is not the hook path's cost.
        tools = [
            Tool("aigate", [aigate, "check", "--staged", "--message-file", ".git/BENCH_MSG",
                            "--format", "json", "--policy", str(off), "--config",
                            str(registry_python)], repo, {0, 1}, missing),
            Tool("aigate, rule cache off", ["/usr/bin/env", "AIGATE_RULE_CACHE=off", aigate,
                                            "check", "--staged", "--message-file",
                                            ".git/BENCH_MSG", "--format", "json", "--policy",
                                            str(off), "--config", str(registry_python)], repo,
                 {0, 1}, missing),
            Tool("aigate, shipped packs", [aigate, "check", "--staged", "--message-file",
                                           ".git/BENCH_MSG", "--format", "json", "--policy",
                                           str(off), *pack_configs], repo, {0, 1}),
            Tool("semgrep", [*pysemgrep, *SEMGREP_FLAGS, "--json", "--quiet", "--config",
                             str(registry_python), *staged], repo, {0, 1}, no_semgrep or missing),
            Tool("semgrep --experimental", [*experimental, *SEMGREP_FLAGS, "--json", "--quiet",
                                            "--config", str(registry_python), *staged], repo,
                 {0, 1}, no_semgrep or missing),
        ]
        case = run_case("hook-registry",
                        f"1'. Hook path, registry rules: check --staged, 10 new files / {lines} lines",
                        tools, args.runs, env, args.timeout)
        case["target"] = {"text": TARGETS["hook-registry"], "limit_s": 0.060}
        cases.append((case, outputs(case)))

    if "hook-infra" in wanted:
        tools = staged_tools(infra_hook_repo())
        case = run_case("hook-infra", "1''. Hook path, infrastructure: check --staged of a "
                        "Dockerfile, a workflow and a shell script", tools, args.runs, env,
                        args.timeout)
        case["target"] = {"text": TARGETS["hook-infra"], "limit_s": 0.050}
        cases.append((case, outputs(case)))

    if "pr" in wanted:
        repo = pr_repo()
        base = git(["rev-parse", "bench-base"], repo).strip()
        tools = [
            Tool("aigate", [aigate, "check", "--base", "bench-base", "--head", "HEAD",
                            "--format", "json", *pack_configs], repo, {0, 1}, needs_semgrep),
            Tool(OWN, [aigate, "check", "--base", "bench-base", "--head", "HEAD",
                       "--format", "json", "--policy", str(off), *pack_configs], repo, {0, 1},
                 unrun_ok=True),
            Tool("semgrep", [*pysemgrep, *SEMGREP_FLAGS, "--json", "--quiet", "--baseline-commit",
                             base, *configs(all_files)], repo, {0, 1}, no_semgrep),
            Tool("semgrep --experimental", [*experimental, *SEMGREP_FLAGS, "--json", "--quiet",
                                            "--baseline-commit", base, *configs(all_files)],
                 repo, {0, 1}, no_semgrep),
        ]
        case = run_case("pr", "2. Pull-request path: check --base --head, 50 files",
                        tools, args.runs, env, args.timeout)
        case["target"] = {"text": TARGETS["pr"], "limit_s": 0.500}
        case["notes"] = ["semgrep --baseline-commit checks the base out into a git worktree "
                         "(--experimental does so twice) to subtract the findings already there"]
        cases.append((case, outputs(case)))

    if "full" in wanted:
        root = package_source()
        target = PACKAGE[0].lower()
        skip = None if runnable else "no shipped rule that semgrep can also run"
        tools = [
            Tool("aigate", [aigate, "scan", "--format", "json", *configs(runnable), target],
                 root, {0}, skip or needs_semgrep),
            Tool(OWN, [aigate, "scan", "--semgrep", "off", "--format", "json", *configs(runnable),
                       target], root, {0}, skip, unrun_ok=True),
            Tool("semgrep", [*pysemgrep, *SEMGREP_FLAGS, "--json", "--quiet", "--no-git-ignore",
                             *configs(runnable), target], root, {0, 1}, no_semgrep or skip),
            Tool("semgrep --experimental", [*experimental, *SEMGREP_FLAGS, "--json", "--quiet",
                                            "--no-git-ignore", *configs(runnable), target],
                 root, {0, 1}, no_semgrep or skip),
        ]
        case = run_case("full", f"3. Full scan: {PACKAGE[0]} {PACKAGE[1]}, "
                        f"{len(runnable)} rule files", tools, args.full_runs, env, args.timeout)
        case["target"] = {"text": TARGETS["full"], "min_ratio": 10.0,
                          "against": "semgrep --experimental"}
        outs = outputs(case)
        case["parity"] = parity(case, outs, known, root)
        cases.append((case, outs))

    own = [f for f in runnable if own_files.get(str(f.resolve()))]
    engine_cases = []
    if "engine" in wanted:
        engine_cases.append(("engine", package_source(), PACKAGE[0].lower(),
                             f"{PACKAGE[0]} {PACKAGE[1]}", None))
    if "engine-js" in wanted:
        folder, origin = javascript_source()
        engine_cases.append(("engine-js", folder.parent if folder else WORK, "npm", origin,
                             None if folder else origin))
    for key, root, target, label, missing in engine_cases:
        skip = missing or (None if own else "no shipped rule runs in aigate's engine and in semgrep")
        tools = [
            # Every rule here runs in aigate's engine; --semgrep off makes sure of it.
            Tool("aigate", [aigate, "scan", "--semgrep", "off", "--format", "json",
                            *configs(own), target], root, {0}, skip),
            Tool("semgrep", [*pysemgrep, *SEMGREP_FLAGS, "--json", "--quiet", "--no-git-ignore",
                             *configs(own), target], root, {0, 1}, no_semgrep or skip),
            Tool("semgrep --experimental", [*experimental, *SEMGREP_FLAGS, "--json", "--quiet",
                                            "--no-git-ignore", *configs(own), target],
                 root, {0, 1}, no_semgrep or skip),
        ]
        number = "3'" if key == "engine" else "3''"
        case = run_case(key, f"{number}. Full scan, aigate's own engine: {label}, the {len(own)} "
                        "rule files it runs itself", tools, args.full_runs, env, args.timeout)
        case["target"] = {"text": TARGETS[key], "min_ratio": 1.0, "against": "semgrep"}
        outs = outputs(case)
        case["parity"] = parity(case, outs, known, root)
        cases.append((case, outs))

    if "rules" in wanted:
        empty = empty_target()
        tools = [
            Tool("aigate", [aigate, "rules", "validate", *pack_configs], empty, {0}),
            Tool("semgrep", [*pysemgrep, *SEMGREP_FLAGS, "--json", "--quiet",
                             *configs(all_files), "empty.py"], empty, {0}, no_semgrep),
            Tool("semgrep --experimental", [*experimental, *SEMGREP_FLAGS, "--json", "--quiet",
                                            *configs(all_files), "empty.py"], empty, {0},
                 no_semgrep),
            Tool("aigate --version", [aigate, "--version"], empty, {0}),
            Tool("semgrep --version", [semgrep or "semgrep", "--version"], empty, {0}, no_semgrep),
        ]
        case = run_case("rules", "4a. Rule loading: every shipped rule (and bare start-up)",
                        tools, args.runs, env, args.timeout)
        case["target"] = {"text": TARGETS["rules"], "limit_s": 0.030}
        case["notes"] = [
            "semgrep's rule loading is timed as a scan of one empty file: `semgrep scan "
            "--validate` downloads p/semgrep-rule-lints and cannot run offline"]
        cases.append((case, outputs(case)))
        folder = many_rules()
        tools = [Tool("aigate", [aigate, "rules", "validate", "--config", str(folder)], empty, {0})]
        case = run_case("rules-500", "4a'. Rule loading: 500 generated rules in 300 files",
                        tools, args.runs, env, args.timeout)
        case["target"] = {"text": TARGETS["rules-500"], "limit_s": 0.100}
        cases.append((case, outputs(case)))

    if "attribution" in wanted:
        repo = history_repo()
        root_commit = git(["rev-list", "--max-parents=0", "HEAD"], repo).split()[0]
        tools = [
            Tool("aigate", [aigate, "attribution", "--base", "bench-base", "--head", "HEAD",
                            "--format", "json"], repo, {0}),
        ]
        case = run_case("attribution-400", "4b. Attribution: 400 files / 40,000 added lines, "
                        "last 1,000 of 10,000 commits", tools, args.runs, env, args.timeout)
        case["target"] = {"text": TARGETS["attribution-400"], "limit_s": 0.500}
        cases.append((case, outputs(case)))
        tools = [
            Tool("aigate", [aigate, "attribution", "--base", root_commit, "--head", "HEAD",
                            "--format", "json"], repo, {0}),
        ]
        # The last 50 commits each add 40 lines to a different file: 50 files, 2,000 lines.
        tools = [
            Tool("aigate", [aigate, "attribution", "--base", "HEAD~50", "--head", "HEAD",
                            "--format", "json"], repo, {0}),
        ]
        case = run_case("attribution-50", "4b'. Attribution: 50 files / 2,000 added lines, "
                        "last 50 of 10,000 commits", tools, args.runs, env, args.timeout)
        case["target"] = {"text": TARGETS["attribution-50"], "limit_s": 1.0}
        cases.append((case, outputs(case)))
        tools = [
            Tool("aigate", [aigate, "attribution", "--base", root_commit, "--head", "HEAD",
                            "--format", "json"], repo, {0}),
        ]
        case = run_case("attribution-all", "4c. Attribution: the whole 10,000-commit history",
                        tools, 1, env, args.timeout)
        cases.append((case, outputs(case)))

    # What each case's aigate actually ran, and sanity checks on the fixtures.
    for case, outs in cases:
        aigate_out = outs.get("aigate")
        notes = case.setdefault("notes", [])
        counts = {}
        for name, out in outs.items():
            try:
                document = json.loads(out.stdout)
            except json.JSONDecodeError:
                continue
            if isinstance(document, dict) and isinstance(document.get("results"), list):
                counts[name] = len(document["results"])
        if counts:
            case["result_counts"] = counts
            notes.append("results reported: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        if aigate_out is None:
            continue
        try:
            document = json.loads(aigate_out.stdout) if aigate_out.stdout.strip().startswith("{") else None
        except json.JSONDecodeError:
            document = None
        if case["key"] == "full":
            counts = case["parity"]["engines"].get("aigate", {})
            notes.append(f"aigate's rule plan (rules list): {engine_plan}; its findings by "
                         f"extra.engine: {counts or 'none'}")
            if any(key != "aigate" for key in engine_plan):
                notes.append("aigate's time includes the semgrep run it delegates to")
        if document is None:
            continue
        note = engine_note(document)
        if note:
            case["aigate_engines"] = document.get("engines")
            notes.append(note)
            if any((e.get("name") or e.get("engine")) == "semgrep" for e in document.get("engines", [])):
                notes.append("aigate's time includes the semgrep run it delegates to")
        verdict = document.get("verdict")
        if isinstance(verdict, dict):
            notes.append(f"aigate verdict: {'pass' if verdict.get('passed') else 'block'} "
                         f"({'; '.join(verdict.get('reasons', []))})")
        summary = document.get("summary") or document.get("attribution")
        if isinstance(summary, dict):
            files = len(document.get("files", [])) if "files" in document else None
            notes.append(f"attribution summary: added {summary.get('added')}, ai {summary.get('ai')}, "
                         f"human {summary.get('human')}, unknown {summary.get('unknown')}"
                         + (f", {files} files" if files is not None else ""))

    results["machine"]["load_average_at_end"] = list(os.getloadavg())
    results["cases"] = [case for case, _ in cases]

    # Report.
    print(f"\naigate bench, {results['date']}, {description['cpu']}, {description['cores']} cores, "
          f"load {description['load_average_at_start'][0]:.1f} at start")
    print(f"aigate {description['aigate']} at {description['git_commit']}"
          f"{' (dirty tree)' if description['git_dirty'] else ''}; semgrep {description['semgrep']}; "
          f"{len(known)} shipped rules, engine plan {engine_plan}")
    for case, _ in cases:
        print_case(case)
        if "parity" in case:
            print_parity(case["parity"])
    print_targets(results["cases"])
    if previous:
        print_previous(previous, results["cases"])
    RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print(f"\nresults written to {RESULTS.relative_to(REPO)}")
    return 0


def print_parity(parity_table: dict) -> None:
    print("\n  findings parity, per rule. Files scanned: "
          + "; ".join(f"{k} {v}" for k, v in parity_table["scanned"].items())
          + " (semgrep lists only the files in a language of its rules)")
    rows = parity_table["rows"]
    if not rows:
        print("  (no tool produced findings to compare)")
        return
    names = list(rows[0]["counts"])
    print("  " + f"{'rule':<44}" + "".join(f"{n:>24}" for n in names) + "  differ")
    for row in rows:
        print("  " + f"{row['rule']:<44}" + "".join(f"{row['counts'][n]:>24}" for n in names)
              + ("  yes" if row["differ"] else "  no"))
    for row in rows:
        for sample in row["sample"]:
            print(f"    {row['rule']}: {sample['path']}:{sample['line']} found by "
                  f"{', '.join(sample['found_by']) or '-'}: {sample['text']}")


def print_targets(cases: list[dict]) -> None:
    print("\nTargets (the issue's, on a 2-core machine)")
    for case in cases:
        target = case.get("target")
        if not target:
            continue
        aigate = case["tools"].get("aigate", {})
        measured = aigate.get("median_s")
        if measured is None:
            print(f"  {target['text']}: not measured ({aigate.get('status')}: {aigate.get('reason', '')})")
            continue
        if "limit_s" in target:
            limit = target["limit_s"]
            met = measured <= limit
            verdict = "met" if met else (f"MISSED by {ms(measured - limit)} "
                                         f"({measured / limit:.1f}x the limit)")
            target["measured_s"], target["met"] = measured, met
            print(f"  {target['text']}: measured {ms(measured)}: {verdict}")
            own = case["tools"].get(OWN, {}).get("median_s")
            if own is not None:
                target["own_work_s"] = own
                print(f"      {OWN} (no semgrep): {ms(own)}: "
                      + ("within the limit" if own <= limit else
                         f"over by {ms(own - limit)} ({own / limit:.1f}x)"))
        else:
            other = case["tools"].get(target["against"], {}).get("median_s")
            if other is None:
                print(f"  {target['text']}: {target['against']} not measured")
                continue
            speedup = other / measured
            met = speedup >= target["min_ratio"]
            target["measured_speedup"], target["met"] = speedup, met
            verdict = "met" if met else (f"MISSED: {speedup:.2f}x, {target['min_ratio'] / speedup:.1f}x "
                                         "short of the goal")
            print(f"  {target['text']}: aigate {ms(measured)}, {target['against']} {ms(other)}: "
                  f"{verdict}")
            own = case["tools"].get(OWN, {}).get("median_s")
            if own is not None:
                target["own_work_speedup"] = other / own
                print(f"      {OWN} (no semgrep): {ms(own)}, {other / own:.2f}x")


def print_previous(previous: dict, cases: list[dict]) -> None:
    old = {c["key"]: c for c in previous.get("cases", [])}
    lines = []
    for case in cases:
        before = old.get(case["key"])
        if not before:
            continue
        for name, record in case["tools"].items():
            then = before.get("tools", {}).get(name, {}).get("median_s")
            now = record.get("median_s")
            if then and now:
                lines.append(f"  {case['key']:<16} {name:<24} {ms(then):>10} -> {ms(now):>10} "
                             f"({(now - then) / then * 100:+.0f}%)")
    if lines:
        print(f"\nAgainst the previous results ({previous.get('date')}, "
              f"commit {previous.get('machine', {}).get('git_commit', '?')[:12]})")
        print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
