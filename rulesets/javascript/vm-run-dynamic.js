const vm = require("vm");

function run(snippet, sandbox) {
  // ruleid: javascript.vm-run-dynamic
  return vm.runInNewContext(snippet, sandbox);
}

function prepare(source) {
  // ruleid: javascript.vm-run-dynamic
  return new vm.Script(source);
}

function constant() {
  // ok: javascript.vm-run-dynamic
  return vm.runInNewContext("1 + 1", {});
}

function unrelated(source) {
  // ok: javascript.vm-run-dynamic
  return source.trim();
}
