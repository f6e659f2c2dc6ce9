function pick(edit) {
  // ok: javascript.conditional-in-statement
  let state = {};
  edit ? (state = { a: 1 }) : other();
  // ruleid: javascript.conditional-in-statement
  let count = 0;
  total = (count = 2);
  return state;
}
function declared(style) {
  // ruleid: javascript.conditional-in-statement
  var usedDefault = false;
  var fill = pick(style.fill ? style.fill : (usedDefault = true, style.base));
  return fill;
}
function called(style) {
  // ok: javascript.conditional-in-statement
  var usedDefault = false;
  pick(style.fill ? style.fill : (usedDefault = true));
  // ok: javascript.conditional-in-statement
  var other = false;
  pick((other = true, style));
  // ruleid: javascript.conditional-in-statement
  var third = false;
  pick(third = true);
}
