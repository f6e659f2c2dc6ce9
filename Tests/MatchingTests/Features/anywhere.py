app = make_app()
app.debug = True
# ruleid: debug-app-run
app.run()
# ok: debug-app-run
other.run()
