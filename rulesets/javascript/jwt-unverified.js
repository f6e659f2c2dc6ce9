const jwt = require("jsonwebtoken");

function currentUser(req) {
  // ruleid: javascript.jwt-unverified
  const claims = jwt.decode(req.headers.authorization);
  return claims.sub;
}

function anyAlgorithm(token, key) {
  // ruleid: javascript.jwt-unverified
  return jwt.verify(token, key, { algorithms: ["HS256", "none"] });
}

function currentUserSafely(req) {
  // ok: javascript.jwt-unverified
  const claims = jwt.verify(req.headers.authorization, process.env.JWT_KEY, { algorithms: ["HS256"] });
  return claims.sub;
}

function parse(text) {
  // ok: javascript.jwt-unverified
  return JSON.parse(text);
}
