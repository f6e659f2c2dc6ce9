const escapeHtml = require("escape-html");

app.get("/hello", (req, res) => {
  // ruleid: javascript.express-reflected-input
  res.send("<h1>Hello " + req.query.name + "</h1>");
});

app.get("/search", (req, res) => {
  // ruleid: javascript.express-reflected-input
  res.write(`<p>No results for ${req.query.q}</p>`);
  res.end();
});

app.get("/hello-json", (req, res) => {
  // ok: javascript.express-reflected-input
  res.json({ greeting: "Hello " + req.query.name });
});

app.get("/hello-safe", (req, res) => {
  // ok: javascript.express-reflected-input
  res.send("<h1>Hello " + escapeHtml(req.query.name) + "</h1>");
});
