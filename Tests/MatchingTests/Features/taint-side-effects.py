def f(data, other):
    # ok: taint-side-effects
    sink(data)
    mark_untrusted(data)
    # ruleid: taint-side-effects
    sink(data)
    # ok: taint-side-effects
    sink(other)
    validate(data)
    # ok: taint-side-effects
    sink(data)
    mark_untrusted(self.field)
    # ruleid: taint-side-effects
    sink(self.field)
