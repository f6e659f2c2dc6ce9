# ruleid: secret-name
password = "hunter2"
# ruleid: secret-name
SECRET_KEY = "abc"
# ok: secret-name
user_password = "hunter2"
# ok: secret-name
name = "alice"
