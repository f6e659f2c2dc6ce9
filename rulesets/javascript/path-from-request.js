const fs = require("fs");
const path = require("path");

app.get("/files/:name", (req, res) => {
  // ruleid: javascript.path-from-request
  fs.readFile(path.join(__dirname, "files", req.params.name), (err, data) => res.send(data));
});

app.get("/download", (req, res) => {
  // ruleid: javascript.path-from-request
  res.download(req.query.file);
});

app.get("/report", (req, res) => {
  // ok: javascript.path-from-request
  res.sendFile("report.pdf", { root: path.join(__dirname, "public") });
});

app.get("/logo", (req, res) => {
  // ok: javascript.path-from-request
  fs.createReadStream(path.join(__dirname, "logo.png")).pipe(res);
});
