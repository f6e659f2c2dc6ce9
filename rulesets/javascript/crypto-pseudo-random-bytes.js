const crypto = require("crypto");

// ruleid: javascript.crypto-pseudo-random-bytes
const salt = crypto.pseudoRandomBytes(16);

// ruleid: javascript.crypto-pseudo-random-bytes
const nonce = require("crypto").pseudoRandomBytes(12).toString("hex");

// ok: javascript.crypto-pseudo-random-bytes
const key = crypto.randomBytes(32);

// ok: javascript.crypto-pseudo-random-bytes
const id = crypto.randomUUID();
