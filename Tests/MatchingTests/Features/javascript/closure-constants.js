function assigned() {
  mode = "fixed";
  // ruleid: javascript.closure-constants
  sink(mode);
}
function outer() {
  let name = "fixed";
  // ruleid: javascript.closure-constants
  function inner() { sink(name); }
  name = compute();
}
function reassigned() {
  let name = "fixed";
  name = compute();
  // ok: javascript.closure-constants
  const later = () => sink(name);
}
function shadowed() {
  const value = "fixed";
  // ok: javascript.closure-constants
  function inner(value) { sink(value); }
}
