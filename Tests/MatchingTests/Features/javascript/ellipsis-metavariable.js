// ruleid: javascript.ellipsis-metavariable
log(level, secret);
// ruleid: javascript.ellipsis-metavariable
log(level, "user", secret);
// ok: javascript.ellipsis-metavariable
log(secret);
// ok: javascript.ellipsis-metavariable
log(other, secret);
