// ruleid: javascript.hardcoded-credential
const apiKey = "a8f5f167f44f4964e6c998dee827110c";

const pool = new Pool({
  user: "app",
  // ruleid: javascript.hardcoded-credential
  password: "Sup3rS3cret!",
});

// ok: javascript.hardcoded-credential
const token = process.env.API_TOKEN;

const other = new Pool({
  user: "app",
  // ok: javascript.hardcoded-credential
  password: process.env.DB_PASSWORD,
});
