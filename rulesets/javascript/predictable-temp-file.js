const fs = require("fs");
const os = require("os");
const path = require("path");

function dump(data) {
  // ruleid: javascript.predictable-temp-file
  fs.writeFileSync("/tmp/export.json", JSON.stringify(data));
}

function log(line) {
  // ruleid: javascript.predictable-temp-file
  fs.appendFile("/tmp/app.log", line + "\n", () => {});
}

function dumpSafely(data) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "export-"));
  // ok: javascript.predictable-temp-file
  fs.writeFileSync(path.join(folder, "export.json"), JSON.stringify(data));
}

function read() {
  // ok: javascript.predictable-temp-file
  return fs.readFileSync("/tmp/export.json", "utf8");
}
