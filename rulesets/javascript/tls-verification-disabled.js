const https = require("https");

// ruleid: javascript.tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

// ruleid: javascript.tls-verification-disabled
const lax = new https.Agent({ keepAlive: true, rejectUnauthorized: false });

// ok: javascript.tls-verification-disabled
const strict = new https.Agent({ keepAlive: true, rejectUnauthorized: true });

// ok: javascript.tls-verification-disabled
const privateCa = new https.Agent({ ca: process.env.PRIVATE_CA });
