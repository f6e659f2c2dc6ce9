const serialize = require("node-serialize");
const yaml = require("js-yaml");

function restore(cookie) {
  // ruleid: javascript.unsafe-deserialization
  return serialize.unserialize(Buffer.from(cookie, "base64").toString());
}

function readConfig(text) {
  // ruleid: javascript.unsafe-deserialization
  return yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA });
}

function restoreSafely(cookie) {
  // ok: javascript.unsafe-deserialization
  return JSON.parse(Buffer.from(cookie, "base64").toString());
}

function readConfigSafely(text) {
  // ok: javascript.unsafe-deserialization
  return yaml.load(text);
}
