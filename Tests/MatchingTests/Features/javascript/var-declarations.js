// ruleid: javascript.var-declarations
let token = getToken();
// ruleid: javascript.var-declarations
const fixed = getToken();
// ruleid: javascript.var-declarations
var old = getToken();
// ok: javascript.var-declarations
token = getToken();
