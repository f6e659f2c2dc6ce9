function newSession() {
  // ruleid: javascript.math-random-for-secret
  const sessionId = Math.random().toString(36).slice(2);
  return sessionId;
}

function reset(user) {
  // ruleid: javascript.math-random-for-secret
  user.resetCode = Math.floor(Math.random() * 1000000);
}

function newSessionSafely() {
  // ok: javascript.math-random-for-secret
  const sessionId = require("crypto").randomBytes(32).toString("hex");
  return sessionId;
}

function jitter() {
  // ok: javascript.math-random-for-secret
  const delay = Math.random() * 100;
  return delay;
}
