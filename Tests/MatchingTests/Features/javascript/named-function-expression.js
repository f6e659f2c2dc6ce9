const handlers = {
  // ok: javascript.named-function-expression
  first: function own() { return load("a"); },
  // ruleid: javascript.named-function-expression
  second: function () { return load("b"); },
  // ruleid: javascript.named-function-expression
  third() { return load("c"); },
};
// ok: javascript.named-function-expression
const kept = function inner() { return load("d"); };
// ok: javascript.named-function-expression
register(function callback() { return load("e"); });
// ruleid: javascript.named-function-expression
function declared() { return load("f"); }
