# ruleid: execute-format
cursor.execute("select {}".format(name))
# ruleid: execute-format
self.db.connection.cursor().execute(template.format(a, b))
# ok: execute-format
cursor.execute("select %s", (name,))
