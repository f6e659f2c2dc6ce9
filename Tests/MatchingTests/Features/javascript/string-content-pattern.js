// ruleid: javascript.string-content-pattern
vm.runInContext("evaluate(input)", sandbox);
// ok: javascript.string-content-pattern
vm.runInContext("print(input)", sandbox);
