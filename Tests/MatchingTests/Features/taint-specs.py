def handler(request):
    x = source()
    # ruleid: taint-specs
    db.execute(x)
    # ruleid: taint-specs
    x.execute(1)
    # ok: taint-specs
    run(x, 1)
    # ruleid: taint-specs
    run(1, x)
    # ruleid: taint-specs
    danger = x
    validate(x)
    # ok: taint-specs
    db.execute(x)
    # ruleid: taint-specs
    db.execute(request)

    def inner():
        # ruleid: taint-specs
        db.execute(request)

    # ruleid: taint-specs
    db.execute(request.args.get("a"))
    y = source()
    # ok: taint-specs
    db.execute(clean(y))
    # ruleid: taint-specs
    db.execute(clean(y) + y)


def other(data):
    # ok: taint-specs
    db.execute(data)
    if trusted_zone():
        z = 1
    # ruleid: taint-specs
    db.execute(z)
