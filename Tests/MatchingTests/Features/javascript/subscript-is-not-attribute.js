// ruleid: javascript.subscript-is-not-attribute
const a = process.env.SECRET;
// ok: javascript.subscript-is-not-attribute
const b = process.env["SECRET"];
