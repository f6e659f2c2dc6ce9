import decode from "token-decoder";

function save(token) {
  // ruleid: javascript.default-import
  store(decode(token));
}
