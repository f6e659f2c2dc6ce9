const cors = require("cors");

// ruleid: javascript.cors-allow-all
app.use(cors());

app.use((req, res, next) => {
  // ruleid: javascript.cors-allow-all
  res.setHeader("Access-Control-Allow-Origin", "*");
  next();
});

// ok: javascript.cors-allow-all
app.use(cors({ origin: ["https://app.example.com"], credentials: true }));

app.use((req, res, next) => {
  // ok: javascript.cors-allow-all
  res.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
  next();
});
