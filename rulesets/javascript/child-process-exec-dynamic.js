const { exec } = require("child_process");
const cp = require("child_process");

function convert(file) {
  // ruleid: javascript.child-process-exec-dynamic
  exec("convert " + file + " out.png", (err) => console.log(err));
}

function ping(host) {
  // ruleid: javascript.child-process-exec-dynamic
  return cp.execSync(`ping -c 1 ${host}`).toString();
}

function uptime() {
  // ok: javascript.child-process-exec-dynamic
  return cp.execSync("uptime").toString();
}

function pingSafely(host) {
  // ok: javascript.child-process-exec-dynamic
  return cp.execFileSync("ping", ["-c", "1", host]).toString();
}
