# ruleid: call-with-literal
run("ls")
# ok: call-with-literal
run(command)
# ok: call-with-literal
walk("ls")
