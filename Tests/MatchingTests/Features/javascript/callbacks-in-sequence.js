function handler() {
  // ruleid: javascript.callbacks-in-sequence
  const a = source();
  app.get("/", function (req, res) { sink(a); });
}
function arrow() {
  // ruleid: javascript.callbacks-in-sequence
  const b = source();
  app.get("/", (req, res) => sink(b));
}
function nested() {
  // ruleid: javascript.callbacks-in-sequence
  const c = source();
  start().then(() => { if (ready) { sink(c); } });
}
function inObject() {
  // ok: javascript.callbacks-in-sequence
  const d = source();
  register({ run: () => { sink(d); } });
}
