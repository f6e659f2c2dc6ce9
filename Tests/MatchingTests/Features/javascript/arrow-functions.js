// ruleid: javascript.arrow-functions
const identity = (x) => x;
// ruleid: javascript.arrow-functions
const same = y => y;
// ok: javascript.arrow-functions
const double = (x) => x * 2;
// ok: javascript.arrow-functions
const pair = (x, y) => x;
