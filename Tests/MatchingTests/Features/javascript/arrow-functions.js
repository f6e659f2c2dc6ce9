// ruleid: javascript.arrow-functions
const identity = (x) => x;
// ruleid: javascript.arrow-functions
const same = y => y;
// ruleid: javascript.arrow-functions
const spelledOut = function (z) { return z; };
// ok: javascript.arrow-functions
const double = (x) => x * 2;
// ok: javascript.arrow-functions
const pair = (x, y) => x;
// ok: javascript.arrow-functions
const block = (x) => { log(x); };
