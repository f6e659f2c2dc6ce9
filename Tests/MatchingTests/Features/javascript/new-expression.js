// ruleid: javascript.new-expression
const f = new Function("a", body);
// ruleid: javascript.new-expression
const g = new Function;
// ok: javascript.new-expression
const h = Function("a", body);
