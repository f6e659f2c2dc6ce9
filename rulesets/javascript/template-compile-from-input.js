const ejs = require("ejs");
const pug = require("pug");

app.post("/preview", (req, res) => {
  // ruleid: javascript.template-compile-from-input
  res.send(ejs.render(req.body.template, { user: req.user }));
});

app.get("/card", (req, res) => {
  const source = req.query.layout;
  // ruleid: javascript.template-compile-from-input
  const fn = pug.compile(source);
  res.send(fn({ name: "card" }));
});

app.get("/page", (req, res) => {
  // ok: javascript.template-compile-from-input
  res.send(ejs.render("<h1><%= title %></h1>", { title: req.query.title }));
});

app.get("/file", (req, res) => {
  // ok: javascript.template-compile-from-input
  res.send(pug.renderFile("views/page.pug", { name: req.query.name }));
});
