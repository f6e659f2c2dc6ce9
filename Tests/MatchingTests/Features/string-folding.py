# ruleid: fixed-admin-password
login("admin", "hunter" + "22")
secret = "hun" "ter" + "22"
# ruleid: fixed-admin-password
login("admin", secret)
prefix = "hunter"
# ruleid: fixed-admin-password
login("admin", prefix + "22")
# ruleid: fixed-admin-password
login("admin", f"hunter22")
# ruleid: fixed-admin-password
login("admin", f"hunter{22}")
word = "hunt"
word = word + "er22"
# ruleid: fixed-admin-password
login("admin", word)
# ok: fixed-admin-password
login("admin", password + "22")

# ruleid: literal-query
run_query("SELECT 1" + " FROM t")
# ruleid: literal-query
run_query("-" * 3)
# ok: literal-query
run_query("SELECT " + column)
# ok: literal-query
run_query(f"SELECT {column}")

key = "abc" + "abc"
# ruleid: long-literal-key
set_key(key)
repeated = "abc" * 2
# ok: long-literal-key
set_key(repeated)
# ruleid: literal-query
run_query(repeated)
