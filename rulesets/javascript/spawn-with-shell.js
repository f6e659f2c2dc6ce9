const { spawn, spawnSync } = require("child_process");

function build(target) {
  // ruleid: javascript.spawn-with-shell
  return spawn("make " + target, { shell: true });
}

function list(folder) {
  // ruleid: javascript.spawn-with-shell
  return spawnSync("ls", ["-l", folder], { shell: true });
}

function status() {
  // ok: javascript.spawn-with-shell
  return spawnSync("git status --short", { shell: true });
}

function buildSafely(target) {
  // ok: javascript.spawn-with-shell
  return spawn("make", [target]);
}
