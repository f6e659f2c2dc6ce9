function pick(edit) {
  // ok: javascript.conditional-in-statement
  let state = {};
  edit ? (state = { a: 1 }) : other();
  // ruleid: javascript.conditional-in-statement
  let count = 0;
  total = (count = 2);
  return state;
}
