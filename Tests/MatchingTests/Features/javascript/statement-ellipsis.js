function a() {
  // ruleid: javascript.statement-ellipsis
  const conn = connect();
  conn.query("select 1");
  if (ready) {
    log("x");
  }
  conn.close();
}
function b() {
  // ok: javascript.statement-ellipsis
  const conn = connect();
  conn.query("select 1");
}
function c() {
  // ok: javascript.statement-ellipsis
  const conn = connect();
  other.close();
}
