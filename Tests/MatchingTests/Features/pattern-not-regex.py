# ruleid: hardcoded-token
token = "a8f9e7d6"
# ok: hardcoded-token
token = "placeholder"
