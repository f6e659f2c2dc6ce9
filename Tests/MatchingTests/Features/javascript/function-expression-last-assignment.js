// semgrep compares a member or subscript assigned by the last statement of a `function`
// expression's body (or of an `if` branch or `try` block ending it) with nothing else.
const last = function (value) {
  // ok: javascript.function-expression-last-assignment
  buffer[0] = value;
  buffer[0] = 0;
};
const notLast = function (value) {
  // ruleid: javascript.function-expression-last-assignment
  buffer[0] = value;
  buffer[0] = 0;
  flush();
};
const inBranch = function (value) {
  if (value) {
    // ok: javascript.function-expression-last-assignment
    this.size = 1;
    this.size = value;
  }
};
const names = function (value) {
  // ruleid: javascript.function-expression-last-assignment
  size = 1;
  size = value;
};
const arrow = (value) => {
  // ruleid: javascript.function-expression-last-assignment
  this.size = 1;
  this.size = value;
};
function declared(value) {
  // ruleid: javascript.function-expression-last-assignment
  buffer[0] = value;
  buffer[0] = 0;
}
const handlers = {
  reset: function () {
    // ok: javascript.function-expression-last-assignment
    state.count = 1;
    state.count = 0;
  },
};
