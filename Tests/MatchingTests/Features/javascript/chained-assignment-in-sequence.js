function inner() {
  // ruleid: javascript.chained-assignment-in-sequence
  exports.first = exports.second = void 0;
  exports.second = {};
}
function outer() {
  // ruleid: javascript.chained-assignment-in-sequence
  left = right = 1;
  left = 2;
}
function deeper() {
  // ruleid: javascript.chained-assignment-in-sequence
  one = two = three = 0;
  three = 4;
}
function neither() {
  // ok: javascript.chained-assignment-in-sequence
  up = down = 1;
  sideways = 2;
}
