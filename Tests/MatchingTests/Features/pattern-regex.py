# ruleid: todo-with-name
# TODO(alice): remove this
value = 1
# ok: todo-with-name
# TODO remove this too
