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
# ruleid: shell-in-exec-string
exec("os.system('ls')")
# ok: shell-in-exec-string, shell-in-exec-argument
exec("print(1)")
# ruleid: shell-in-exec-argument
exec(wrap(os.system("ls")))
