const jwt = require("jsonwebtoken");

function issue(user) {
  // ruleid: javascript.jwt-hardcoded-secret
  return jwt.sign({ sub: user.id }, "my-super-secret", { expiresIn: "1h" });
}

function check(token) {
  // ruleid: javascript.jwt-hardcoded-secret
  return jwt.verify(token, "my-super-secret");
}

function issueSafely(user) {
  // ok: javascript.jwt-hardcoded-secret
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: "1h" });
}

function checkSafely(token, key) {
  // ok: javascript.jwt-hardcoded-secret
  return jwt.verify(token, key, { algorithms: ["RS256"] });
}
