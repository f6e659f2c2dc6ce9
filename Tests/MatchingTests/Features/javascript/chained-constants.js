function reset() {
  // ruleid: javascript.chained-constants
  first = second = undefined;
  // ruleid: javascript.chained-constants
  one = two = three = undefined;
  // ok: javascript.chained-constants
  alone = undefined;
  // ruleid: javascript.chained-constants
  left = right = null;
  // ok: javascript.chained-constants
  up = down = compute();
}
function flags() {
  enabled = shown = true;
  // ruleid: javascript.chained-constants
  sink(shown);
  // ruleid: javascript.chained-constants
  sink(enabled);
  let missing = undefined;
  // ruleid: javascript.chained-constants
  sink(missing);
  let other = compute();
  // ok: javascript.chained-constants
  sink(other);
}
