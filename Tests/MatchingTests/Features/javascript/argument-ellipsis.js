// ruleid: javascript.argument-ellipsis
setTimeout(tick, 0);
// ruleid: javascript.argument-ellipsis
setTimeout(() => tick(a, b), 0);
// ok: javascript.argument-ellipsis
setTimeout(tick, 10);
// ok: javascript.argument-ellipsis
setInterval(tick, 0);
