def assignments():
    x = source()
    # ruleid: taint-flow
    sink(x)
    # ruleid: taint-flow
    sink(1, x)
    # ok: taint-flow
    sink(clean(x))
    # ruleid: taint-flow
    sink(wrap(x))
    # ruleid: taint-flow
    sink(x.attr)
    # ruleid: taint-flow
    sink(x.method())
    # ruleid: taint-flow
    sink(x[1])
    # ruleid: taint-flow
    sink("a" + x)
    # ruleid: taint-flow
    sink(f"{x}")
    # ruleid: taint-flow
    sink([x])
    # ruleid: taint-flow
    sink({"k": x})
    # ruleid: taint-flow
    sink(len(x) == 1)
    x = 1
    # ok: taint-flow
    sink(x)


def source_inside_sink():
    # ruleid: taint-flow
    sink(source())
    # ruleid: taint-flow
    sink(key=source())
    # ok: taint-flow
    sink(clean(1, source()))
    # ruleid: taint-flow
    sink(clean(1) + source())


def branches(c):
    y = source()
    if c:
        y = 2
    # ruleid: taint-flow
    sink(y)
    z = source()
    if c:
        z = 2
    else:
        z = 3
    # ok: taint-flow
    sink(z)
    w = source()
    if c:
        w = 1
        return
    # ruleid: taint-flow
    sink(w)
    v = source()
    if c:
        return
    v = 1
    # ok: taint-flow
    sink(v)


def loops(items):
    w = 1
    for i in items:
        # ruleid: taint-flow
        sink(w)
        w = source()
    for item in source():
        # ruleid: taint-flow
        sink(item)
    # ruleid: taint-flow
    sink([e for e in source()])


def destructuring_and_fields(obj):
    a, b = source(), 1
    # ruleid: taint-flow
    sink(b)
    obj.f = source()
    # ruleid: taint-flow
    sink(obj.f)
    # ok: taint-flow
    sink(obj.g)
    # ruleid: taint-flow
    sink(obj)
    self.z = source()
    # ruleid: taint-flow
    sink(self.z)
    p = "a"
    p += source()
    # ruleid: taint-flow
    sink(p)
    # ok: taint-flow
    sink(lambda: p)


def parameters(x):
    # ok: taint-flow
    sink(x)
    # ok: taint-flow
    sink(self.z)


g = source()
# ruleid: taint-flow
sink(g)


def closure():
    # ruleid: taint-flow
    sink(g)
    inner()

    def inner():
        # ok: taint-flow
        sink(k)

    k = source()
