def build(items):
    # ok: helper-never-called
    def scale(x):
        return x * 2

    a = scale(1)
    b = scale(2)
    c = scale(3)
    d = scale(4)

    # ok: helper-never-called
    def shift(x):
        return x + 1

    e = shift(a)
    f = shift(b)
    g = shift(c)
    h = shift(d)

    # ok: helper-never-called
    def total(*values):
        return sum(values)

    # ruleid: helper-never-called
    def unused(x):
        return x

    return total(e, f, g, h)
