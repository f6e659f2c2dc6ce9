# ruleid: request-in-condition
if check(request.args.get("a")):
    pass
# ruleid: request-in-condition
if x and len(request.args) > 2:
    pass
# ok: request-in-condition
if request.form:
    pass
