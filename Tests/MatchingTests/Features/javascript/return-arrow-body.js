function read(text) {
  // ruleid: javascript.return-arrow-body
  return JSON.parse(text);
}
// ruleid: javascript.return-arrow-body
const parse = (text) => JSON.parse(text);
// ok: javascript.return-arrow-body
const parseLater = (text) => { JSON.parse(text); };
