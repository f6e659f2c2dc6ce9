const axios = require("axios");

app.get("/preview", async (req, res) => {
  // ruleid: javascript.ssrf-request-url
  const page = await fetch(req.query.url);
  res.send(await page.text());
});

app.post("/hook", async (req, res) => {
  const target = req.body.callback;
  // ruleid: javascript.ssrf-request-url
  await axios.post(target, { ping: true });
  res.sendStatus(204);
});

app.get("/status", async (req, res) => {
  // ok: javascript.ssrf-request-url
  const page = await fetch("https://status.example.com/api");
  res.json(await page.json());
});

app.get("/user", async (req, res) => {
  // ok: javascript.ssrf-request-url
  const page = await fetch(`https://api.example.com/users/${encodeURIComponent(req.query.id)}`);
  res.json(await page.json());
});
