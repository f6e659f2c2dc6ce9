app.get("/login/done", (req, res) => {
  // ruleid: javascript.open-redirect
  res.redirect(req.query.next);
});

app.get("/go", (req, res) => {
  // ruleid: javascript.open-redirect
  res.redirect(302, "https://" + req.query.host + "/home");
});

app.get("/logout", (req, res) => {
  // ok: javascript.open-redirect
  res.redirect("/");
});

app.get("/profile", (req, res) => {
  // ok: javascript.open-redirect
  res.redirect("/users/" + encodeURIComponent(req.user.id));
});
