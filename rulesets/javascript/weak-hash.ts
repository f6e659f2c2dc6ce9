import * as crypto from "crypto";

function fingerprint(password: string): string {
  // ruleid: javascript.weak-hash
  return crypto.createHash("md5").update(password).digest("hex");
}

function sign(key: Buffer, body: string): string {
  // ruleid: javascript.weak-hash
  return crypto.createHmac("sha1", key).update(body).digest("hex");
}

function digest(body: string): string {
  // ok: javascript.weak-hash
  return crypto.createHash("sha256").update(body).digest("hex");
}

function signSafely(key: Buffer, body: string): string {
  // ok: javascript.weak-hash
  return crypto.createHmac("sha512", key).update(body).digest("hex");
}
