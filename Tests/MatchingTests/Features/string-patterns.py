# ruleid: any-string-to-eval
eval("1 + 1")
# ruleid: any-string-to-eval
eval('x')
# ok: any-string-to-eval
eval(source)
# ruleid: secret-content
set_password("hunter2")
# ok: secret-content
set_password("correct horse")
