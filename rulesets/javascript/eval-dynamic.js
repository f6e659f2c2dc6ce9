function calculate(expression) {
  // ruleid: javascript.eval-dynamic
  return eval(expression);
}

function compile(body) {
  // ruleid: javascript.eval-dynamic
  return new Function("input", body);
}

function later(name) {
  // ruleid: javascript.eval-dynamic
  setTimeout("notify('" + name + "')", 100);
}

function laterSafely(name) {
  // ok: javascript.eval-dynamic
  setTimeout(() => notify(name), 100);
}

function parse(text) {
  // ok: javascript.eval-dynamic
  return JSON.parse(text);
}

function poll(refresh) {
  // ok: javascript.eval-dynamic
  return setInterval(refresh, 1000);
}
