// ruleid: javascript.metavariables
if (user.id == user.id) {
}
// ok: javascript.metavariables
if (user.id == other.id) {
}
// ruleid: javascript.metavariables
check(f(1) == f(1));
// ok: javascript.metavariables
check(f(1) === f(1));
