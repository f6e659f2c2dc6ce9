function late() {
  let lib = require("tokens");
  let other = 1;
  // ruleid: javascript.declaration-in-sequence
  lib.check("a", other);
}

function early() {
  // ok: javascript.declaration-in-sequence
  lib.check("b");
  const lib = require("tokens");
}

const shared = require("tokens");
function user() {
  // ruleid: javascript.declaration-in-sequence
  return shared.check("c");
}
// ok: javascript.declaration-in-sequence
elsewhere.check("d");
