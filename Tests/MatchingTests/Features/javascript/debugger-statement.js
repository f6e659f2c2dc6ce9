function check(x) {
  if (x) {
    // ruleid: javascript.debugger-statement
    debugger;
  }
  // ok: javascript.debugger-statement
  return debug(x);
}
