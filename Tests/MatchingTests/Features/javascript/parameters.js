// ruleid: javascript.parameters
function handle(req) {
  return 1;
}
// ruleid: javascript.parameters
function route(app, req, res) {
  return app;
}
// ok: javascript.parameters
function other(request) {
  return 2;
}
