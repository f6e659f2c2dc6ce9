// ruleid: javascript.assignment
token = getToken();
// ruleid: javascript.assignment
const fixed = getToken();
// ruleid: javascript.assignment
this.token = getToken();
// ok: javascript.assignment
let later;
