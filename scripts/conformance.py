#!/usr/bin/env python3
"""How much of a semgrep rule registry aigate takes and runs as semgrep does.

For every language folder of the rules folder (default ../shared/semgrep-rules, or
$CONFORMANCE_RULES; a folder holding rule files itself counts as one "language"):

  1. every rule file through `aigate rules validate`, counting refusals, beside whether
     semgrep loads it (one `semgrep scan` of an empty folder per language folder);
  2. every rule file with its annotated test file (x.yaml with same-folder x.<ext>) through
     aigate's own engine, semgrep hidden (`aigate scan --json --semgrep off`, PATH without it):
     a pair passes when, for every rule of the file, the reported start lines equal the
     expected ones;
  3. the same pairs through semgrep when it is installed (`semgrep --test --json` once per
     folder), as the reference.

Expected lines are read as `semgrep --test` 1.185.0 reads them: a comment holding
`ruleid: a, b` (or `ok:`, `todoruleid:`, `todook:`) on line N speaks about line N + 1, wherever
on the line it is; `ruleid:` lines are expected, `ok:` lines are not, and `todoruleid:` and
`todook:` lines count on neither side (semgrep leaves them out of its reported lines too).

Prints a table per language and writes the numbers to --out (bench/conformance.json).
semgrep's results are cached under --cache (bench/work/conformance), keyed by folder, so
reruns are fast; --refresh runs semgrep again.
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULE_SUFFIXES = (".yaml", ".yml")
ANNOTATION = re.compile(
    r"(?:#|//|<!--|\(\*|/\*|--|;)\s*(todoruleid|ruleid|todook|ok)\s*:\s*"
    r"([\w.\-/]+(?:\s*,\s*[\w.\-/]+)*)")
# Bounds: no single tool run may hang the report.
AIGATE_TIMEOUT = 120
SEMGREP_TIMEOUT = 3 * 3600


class ConformanceError(Exception):
    pass


# --- files ----------------------------------------------------------------------------------------

def is_rule_file(path):
    name = path.name
    return (name.endswith(RULE_SUFFIXES) and not name.startswith(".")
            and not name.endswith((".test.yaml", ".test.yml")) and ".fixed." not in name)


def rule_files(folder):
    found = []
    for current, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            path = Path(current) / name
            if is_rule_file(path):
                found.append(path)
    return sorted(found)


def test_targets(rule_file):
    """The annotated files a rule file pairs with: same folder, same stem, another extension."""
    stem = rule_file.name.rsplit(".", 1)[0]
    targets = []
    for candidate in sorted(rule_file.parent.iterdir()):
        name = candidate.name
        if candidate == rule_file or not candidate.is_file() or ".fixed." in name:
            continue
        if not name.startswith(stem + "."):
            continue
        rest = name[len(stem) + 1:]
        if "." in rest and rest not in ("test.yaml", "test.yml"):
            continue
        if rest in ("yaml", "yml"):
            continue
        targets.append(candidate)
    return targets


def language_folders(rules):
    rules = Path(rules)
    if any(is_rule_file(p) for p in rules.iterdir() if p.is_file()):
        return [rules]
    return sorted(p for p in rules.iterdir() if p.is_dir() and not p.name.startswith("."))


# --- annotations ----------------------------------------------------------------------------------

def expected_lines(text):
    """Rule id to (the 1-based lines `semgrep --test` expects reported, the lines it ignores).

    As semgrep 1.185.0 reads them: an annotation on line N speaks about line N + 1, wherever on
    line N it is written (after code too, and before a blank line). `ruleid:` lines are
    expected; `todoruleid:` and `todook:` lines are left out of both sides (semgrep drops
    them from the reported lines too); `ok:` lines must not be reported.
    """
    expected = {}
    for index, line in enumerate(text.split("\n")):
        for match in ANNOTATION.finditer(line):
            kind = match.group(1)
            for rule_id in match.group(2).split(","):
                want, ignored = expected.setdefault(rule_id.strip(), (set(), set()))
                if kind == "ruleid":
                    want.add(index + 2)
                elif kind.startswith("todo"):
                    ignored.add(index + 2)
    return expected


# --- aigate ---------------------------------------------------------------------------------------

def hidden_semgrep_environment():
    environment = dict(os.environ)
    kept = []
    for folder in environment.get("PATH", "").split(os.pathsep):
        if not any(os.access(os.path.join(folder, n), os.X_OK) for n in ("semgrep", "opengrep")):
            kept.append(folder)
    environment["PATH"] = os.pathsep.join(kept)
    return environment


def aigate_validate(aigate, rule_file):
    result = subprocess.run(
        [aigate, "rules", "validate", "--config", rule_file.name], cwd=rule_file.parent,
        capture_output=True, text=True, timeout=AIGATE_TIMEOUT, check=False)
    first = next((line for line in result.stderr.splitlines() if ": error: " in line), "")
    warnings = [line for line in result.stderr.splitlines() if "runs only in semgrep" in line]
    return {"refused": result.returncode != 0, "status": result.returncode,
            "error": first, "semgrep_only": len(warnings)}


def aigate_pair(aigate, rule_file, target, environment):
    """aigate's start lines per rule id for one pair, or an error."""
    command = [aigate, "scan", "--format", "json", "--semgrep", "off", "--config", rule_file.name,
               os.path.relpath(target, rule_file.parent)]
    try:
        result = subprocess.run(
            command, cwd=rule_file.parent, capture_output=True, text=True,
            timeout=AIGATE_TIMEOUT, check=False, env=environment)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {AIGATE_TIMEOUT} s"}
    if result.returncode == 2 and "need semgrep" in result.stderr:
        # Every rule of the file needs semgrep, hidden here: nothing could check the file.
        return {"reported": {}, "not_run": ["all"]}
    try:
        document = json.loads(result.stdout)
    except json.JSONDecodeError:
        tail = result.stderr.strip().splitlines()[-1:] or [f"exit {result.returncode}"]
        return {"error": f"exit {result.returncode}: {tail[0]}"}
    if result.returncode not in (0, 1):
        return {"error": f"exit {result.returncode}"}
    reported = {}
    for finding in document.get("results", []):
        reported.setdefault(finding["check_id"], set()).add(finding["start"]["line"])
    not_run = [e["message"].split(":", 1)[0] for e in document.get("errors", [])
               if e.get("type") == "rule not run"]
    return {"reported": reported, "not_run": not_run}


# --- semgrep --------------------------------------------------------------------------------------

def semgrep_environment():
    environment = dict(os.environ)
    environment["SEMGREP_ENABLE_VERSION_CHECK"] = "0"
    environment["SEMGREP_SEND_METRICS"] = "off"
    return environment


def cached(cache, kind, folder, refresh, compute):
    """semgrep's answer for `folder`, from the cache when there (None when `compute` is None)."""
    key = hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()[:16]
    path = cache / f"{kind}-{Path(folder).name}-{key}.json"
    if path.exists() and not refresh:
        return json.loads(path.read_text())
    if compute is None:
        return None
    value = compute()
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=1, sort_keys=True))
    return value


def semgrep_load(semgrep, folder):
    """The rule files semgrep refuses to load, from one scan of an empty folder."""
    with tempfile.TemporaryDirectory() as empty:
        result = subprocess.run(
            [semgrep, "scan", "--json", "--metrics=off", "--disable-version-check",
             "--config", str(folder), empty],
            capture_output=True, text=True, timeout=SEMGREP_TIMEOUT, check=False,
            env=semgrep_environment())
    try:
        document = json.loads(result.stdout)
    except json.JSONDecodeError:
        return {"status": result.returncode, "refused": None,
                "stderr": result.stderr[-2000:]}
    refused = set()
    for error in document.get("errors", []):
        if error.get("level", "error") != "error":
            continue
        path = error.get("path") or ""
        refused.add(str(Path(path).resolve()) if path else "?")
    return {"status": result.returncode, "refused": sorted(refused)}


def semgrep_test(semgrep, folder):
    """`semgrep --test --json` over the folder: rule file to id to target to lines."""
    result = subprocess.run(
        [semgrep, "--test", "--json", "--metrics=off", "--disable-version-check", str(folder)],
        capture_output=True, text=True, timeout=SEMGREP_TIMEOUT, check=False,
        env=semgrep_environment())
    try:
        document = json.loads(result.stdout)
    except json.JSONDecodeError:
        return {"status": result.returncode, "results": None, "stderr": result.stderr[-2000:]}
    results = {}
    for rule_file, entry in (document.get("results") or {}).items():
        checks = {}
        for rule_id, check in (entry.get("checks") or {}).items():
            checks[rule_id] = {
                str(Path(target).resolve()): {
                    "expected": match.get("expected_lines", []),
                    "reported": match.get("reported_lines", []),
                } for target, match in (check.get("matches") or {}).items()}
        results[str(Path(rule_file).resolve())] = checks
    return {"status": result.returncode, "results": results,
            "with_errors": [str(Path(e.get("path", e) if isinstance(e, dict) else e).resolve())
                            for e in document.get("config_with_errors", [])]}


# --- scoring --------------------------------------------------------------------------------------

class Score:
    def __init__(self):
        self.pairs = 0
        self.passed = 0
        self.errors = 0
        self.not_run = 0
        self.true_positive = 0
        self.false_positive = 0
        self.false_negative = 0

    def add(self, expected, reported):
        """One pair: every rule id's expected lines against its reported ones."""
        self.pairs += 1
        ok = True
        for rule_id in set(expected) | set(reported):
            want, ignored = expected.get(rule_id, (set(), set()))
            got = set(reported.get(rule_id, ())) - ignored
            self.true_positive += len(want & got)
            self.false_positive += len(got - want)
            self.false_negative += len(want - got)
            ok = ok and want == got
        self.passed += ok

    def precision(self):
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else None

    def recall(self):
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else None

    def as_json(self):
        return {"pairs": self.pairs, "passed": self.passed, "errors": self.errors,
                "not_run": self.not_run, "true_positive": self.true_positive,
                "false_positive": self.false_positive, "false_negative": self.false_negative,
                "precision": self.precision(), "recall": self.recall()}


def language_report(folder, aigate, semgrep, cache, refresh, jobs, cached_only=False):
    files = rule_files(folder)
    environment = hidden_semgrep_environment()
    load = None
    if semgrep:
        load = cached(cache, "load", folder, refresh,
                      None if cached_only else lambda: semgrep_load(semgrep, folder))
    semgrep_refused = set(load["refused"]) if load and load["refused"] is not None else None

    pairs = []
    texts = {}
    for rule_file in files:
        for target in test_targets(rule_file):
            pairs.append((rule_file, target))
            texts[target] = target.read_text(encoding="utf-8", errors="replace")

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        validations = list(pool.map(lambda f: aigate_validate(aigate, f), files))
        runs = list(pool.map(lambda p: aigate_pair(aigate, p[0], p[1], environment), pairs))

    refused = []
    refused_semgrep_loads = []
    for rule_file, outcome in zip(files, validations):
        if outcome["refused"]:
            refused.append({"file": str(rule_file), "error": outcome["error"]})
            if semgrep_refused is not None and str(rule_file.resolve()) not in semgrep_refused:
                refused_semgrep_loads.append(str(rule_file))
    accepted_semgrep_refuses = []
    if semgrep_refused is not None:
        for rule_file, outcome in zip(files, validations):
            if not outcome["refused"] and str(rule_file.resolve()) in semgrep_refused:
                accepted_semgrep_refuses.append(str(rule_file))

    reference = None
    if semgrep:
        reference = cached(cache, "test", folder, refresh,
                           None if cached_only else lambda: semgrep_test(semgrep, folder))

    ours, theirs = Score(), Score()
    failures = []
    pair_errors = []
    for (rule_file, target), run in zip(pairs, runs):
        expected = expected_lines(texts[target])
        ids = rule_ids(rule_file)
        expected = {i: expected.get(i, (set(), set())) for i in ids}
        if "error" in run:
            ours.pairs += 1
            ours.errors += 1
            pair_errors.append({"rule": str(rule_file), "target": str(target),
                                "error": run["error"]})
        elif run["not_run"]:
            ours.not_run += 1
        else:
            before = ours.passed
            ours.add(expected, {i: run["reported"].get(i, set()) for i in ids})
            if ours.passed == before:
                failures.append(str(rule_file))
        if reference and reference.get("results") is not None:
            checks = reference["results"].get(str(rule_file.resolve()))
            if checks is None:
                theirs.pairs += 1
                theirs.errors += 1
                continue
            reported = {}
            for rule_id, matches in checks.items():
                match = matches.get(str(target.resolve()))
                if match:
                    reported[rule_id] = set(match["reported"])
            theirs.add(expected, {i: reported.get(i, set()) for i in ids})
    return {
        "folder": str(folder),
        "rule_files": len(files),
        "refused": refused,
        "refused_though_semgrep_loads": refused_semgrep_loads,
        "accepted_though_semgrep_refuses": accepted_semgrep_refuses,
        "semgrep_refused": None if semgrep_refused is None else len(semgrep_refused),
        "semgrep_only_by_compile_warnings": sum(v["semgrep_only"] for v in validations),
        "aigate": ours.as_json(),
        "semgrep": theirs.as_json() if reference and reference.get("results") is not None
        else None,
        "pair_errors": pair_errors,
        "failed_pairs": failures,
    }


ID_LINE = re.compile(r"^\s*-\s*id:\s*['\"]?([^'\"\s#]+)")


def rule_ids(rule_file):
    """The ids a rule file writes (its `- id:` lines), for matching annotations."""
    ids = []
    for line in rule_file.read_text(encoding="utf-8", errors="replace").splitlines():
        match = ID_LINE.match(line)
        if match and match.group(1) not in ids:
            ids.append(match.group(1))
    return ids


# --- output ---------------------------------------------------------------------------------------

def percent(value):
    return "-" if value is None else f"{100 * value:.1f}%"


def table(reports):
    header = ("language", "files", "refused", "sg-refused", "pairs", "not run", "errors",
              "passed", "precision", "recall", "| sg passed", "sg precision", "sg recall")
    rows = [header]
    for name, report in reports.items():
        ours, theirs = report["aigate"], report["semgrep"]
        run = ours["pairs"] - ours["errors"]
        rows.append((
            name, str(report["rule_files"]), str(len(report["refused"])),
            "-" if report["semgrep_refused"] is None else str(report["semgrep_refused"]),
            str(ours["pairs"] + ours["not_run"]), str(ours["not_run"]), str(ours["errors"]),
            f"{ours['passed']}/{run}", percent(ours["precision"]), percent(ours["recall"]),
            "| -" if theirs is None else f"| {theirs['passed']}/{theirs['pairs']}",
            "-" if theirs is None else percent(theirs["precision"]),
            "-" if theirs is None else percent(theirs["recall"])))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
                     for row in rows)


def find_aigate(given):
    candidates = [given, os.environ.get("AIGATE")] + [
        str(ROOT / ".build" / kind / "aigate") for kind in ("release", "debug")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return os.path.abspath(candidate)
    raise ConformanceError("no aigate binary: build it (swift build) or pass --aigate")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rules", default=os.environ.get("CONFORMANCE_RULES")
                        or str(ROOT.parent / "shared" / "semgrep-rules"))
    parser.add_argument("--languages", help="comma-separated folder names to keep")
    parser.add_argument("--aigate")
    parser.add_argument("--no-semgrep", action="store_true", help="skip the semgrep reference")
    parser.add_argument("--refresh", action="store_true", help="run semgrep again")
    parser.add_argument("--cached-semgrep", action="store_true",
                        help="use semgrep's cached results only; never start semgrep")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--out", default=str(ROOT / "bench" / "conformance.json"))
    parser.add_argument("--cache", default=str(ROOT / "bench" / "work" / "conformance"))
    arguments = parser.parse_args()

    rules = Path(arguments.rules)
    if not rules.is_dir():
        raise ConformanceError(f"no rules folder at {rules} (set CONFORMANCE_RULES)")
    aigate = find_aigate(arguments.aigate)
    semgrep = None if arguments.no_semgrep else shutil.which("semgrep")
    if semgrep is None and not arguments.no_semgrep:
        print("conformance: semgrep is not installed; the reference columns are empty",
              file=sys.stderr)
    folders = language_folders(rules)
    if arguments.languages:
        keep = set(arguments.languages.split(","))
        folders = [f for f in folders if f.name in keep]
    reports = {}
    for folder in folders:
        print(f"conformance: {folder.name} ...", file=sys.stderr, flush=True)
        reports[folder.name] = language_report(
            folder, aigate, semgrep, Path(arguments.cache), arguments.refresh,
            max(arguments.jobs, 1), arguments.cached_semgrep)
    print(table(reports))
    refused = [r for report in reports.values() for r in report["refused_though_semgrep_loads"]]
    errors = [e for report in reports.values() for e in report["pair_errors"]]
    print(f"\nrefused by aigate though semgrep loads them: {len(refused)}")
    for path in refused:
        print(f"  {path}")
    print(f"rule-test pairs ending in an error: {len(errors)}")
    for error in errors[:50]:
        print(f"  {error['rule']}: {error['error']}")
    out = Path(arguments.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"rules": str(rules), "languages": reports}, indent=1,
                              sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ConformanceError as error:
        print(f"conformance: {error}", file=sys.stderr)
        sys.exit(2)
