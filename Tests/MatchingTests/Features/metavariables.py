# ruleid: same-operands
if count == count:
    pass
# ruleid: same-operands
ok = user.name == user.name
# ok: same-operands
if count == total:
    pass
# ok: same-operands
ok = user.name == user.email
