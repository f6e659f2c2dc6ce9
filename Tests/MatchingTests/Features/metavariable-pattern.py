# ruleid: sql-in-string
execute("DELETE FROM users")
# ok: sql-in-string
execute("SELECT * FROM users")
# ruleid: eval-of-input
eval(input())
# ruleid: eval-of-input
eval(strip(request.body))
# ok: eval-of-input
eval(config)
