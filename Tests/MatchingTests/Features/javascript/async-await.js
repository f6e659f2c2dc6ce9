// ruleid: javascript.async-await
async function load(url) {
  const headers = build();
  await fetch(url, headers);
}
// ok: javascript.async-await
function loadLater(url) {
  fetch(url);
}
// ok: javascript.async-await
async function loadOther(url) {
  await get(url);
}
