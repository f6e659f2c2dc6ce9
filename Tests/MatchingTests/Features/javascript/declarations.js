// ruleid: javascript.declarations
let token = getToken();
// ok: javascript.declarations
const fixed = getToken();
// ok: javascript.declarations
var old = getToken();
// ruleid: javascript.declarations
let first = 1, second = getToken();
