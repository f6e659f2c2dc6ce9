const escapeRegExp = require("lodash.escaperegexp");

app.get("/search", (req, res) => {
  // ruleid: javascript.regexp-from-request
  const matcher = new RegExp(req.query.q, "i");
  res.json(items.filter((item) => matcher.test(item.name)));
});

app.get("/prefix", (req, res) => {
  // ruleid: javascript.regexp-from-request
  const matcher = RegExp("^" + req.params.prefix);
  res.json(items.filter((item) => matcher.test(item.name)));
});

app.get("/search-safe", (req, res) => {
  // ok: javascript.regexp-from-request
  const matcher = new RegExp(escapeRegExp(req.query.q), "i");
  res.json(items.filter((item) => matcher.test(item.name)));
});

app.get("/digits", (req, res) => {
  // ok: javascript.regexp-from-request
  res.json(/^[0-9]+$/.test(req.query.q));
});
