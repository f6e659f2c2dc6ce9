def wrappers():
    # Each factory's inner function is used in the factory: the outer function, read with
    # `...` reaching into nested bodies, binds every one of them (semgrep), so none is
    # reported, however many there are.
    # ok: inner-def-unused
    def first(fn):
        # ok: inner-def-unused
        def first(value):
            for item in value:
                fn(item)

        mark(first)
        return first

    # ok: inner-def-unused
    def second(fn):
        # ok: inner-def-unused
        def second(value):
            for item in value:
                fn(item)

        mark(second)
        return second

    # ok: inner-def-unused
    def third(fn):
        # ok: inner-def-unused
        def third(value):
            for item in value:
                fn(item)

        mark(third)
        return third

    # ok: inner-def-unused
    def fourth(fn):
        # ok: inner-def-unused
        def fourth(value):
            for item in value:
                fn(item)

        mark(fourth)
        return fourth

    # ok: inner-def-unused
    def fifth(fn):
        # ok: inner-def-unused
        def fifth(value):
            for item in value:
                fn(item)

        mark(fifth)
        return fifth

    # ok: inner-def-unused
    def sixth(fn):
        # ok: inner-def-unused
        def sixth(value):
            for item in value:
                fn(item)

        mark(sixth)
        return sixth

    # ok: inner-def-unused
    def seventh(fn):
        # ok: inner-def-unused
        def seventh(value):
            for item in value:
                fn(item)

        mark(seventh)
        return seventh

    # ok: inner-def-unused
    def eighth(fn):
        # ok: inner-def-unused
        def eighth(value):
            for item in value:
                fn(item)

        mark(eighth)
        return eighth

    # ok: inner-def-unused
    def ninth(fn):
        # ok: inner-def-unused
        def ninth(value):
            for item in value:
                fn(item)

        mark(ninth)
        return ninth

    # ok: inner-def-unused
    def tenth(fn):
        # ok: inner-def-unused
        def tenth(value):
            for item in value:
                fn(item)

        mark(tenth)
        return tenth

    # ok: inner-def-unused
    def eleventh(fn):
        # ok: inner-def-unused
        def eleventh(value):
            for item in value:
                fn(item)

        mark(eleventh)
        return eleventh

    # ok: inner-def-unused
    def twelfth(fn):
        # ok: inner-def-unused
        def twelfth(value):
            for item in value:
                fn(item)

        mark(twelfth)
        return twelfth

    # ruleid: inner-def-unused
    def forgotten(fn):
        return fn

    return dict(locals())
