def spelled_out():
    # ruleid: symbolic-propagation, no-symbolic-propagation
    pandas.DataFrame(x).index.set_value(a, b, c)


def through_names():
    frame = pandas.DataFrame(x)
    index = frame.index
    # ruleid: symbolic-propagation
    index.set_value(a, b, c)


def assigned_in_a_branch():
    if c:
        frame = pandas.DataFrame(x)
    # ok: symbolic-propagation
    frame.index.set_value(a, b, c)


def used_in_a_branch():
    frame = pandas.DataFrame(x)
    if c:
        # ruleid: symbolic-propagation
        frame.index.set_value(a, b, c)


def used_after_a_loop():
    frame = pandas.DataFrame(x)
    while c:
        pass
    # ok: symbolic-propagation
    frame.index.set_value(a, b, c)


def reassigned():
    frame = pandas.DataFrame(x)
    frame = other()
    # ok: symbolic-propagation
    frame.index.set_value(a, b, c)


def field_written():
    frame = pandas.DataFrame(x)
    frame.name = "n"
    # ok: symbolic-propagation
    frame.index.set_value(a, b, c)


def method_called():
    frame = pandas.DataFrame(x)
    frame.sort()
    # ok: symbolic-propagation
    frame.index.set_value(a, b, c)


def passed_along():
    frame = pandas.DataFrame(x)
    show(frame)
    # ruleid: symbolic-propagation
    frame.index.set_value(a, b, c)


MODULE_FRAME = pandas.DataFrame(x)


def module_level():
    # ruleid: symbolic-propagation
    MODULE_FRAME.index.set_value(a, b, c)


def closure():
    frame = pandas.DataFrame(x)

    def inner():
        # ok: symbolic-propagation
        frame.index.set_value(a, b, c)


def binding():
    client = make_client(host)
    # ruleid: symbolic-propagation-binding
    client.connect()
    other = client
    # ok: symbolic-propagation-binding
    other.connect()


def bare_use():
    frame = pandas.DataFrame(x)
    # ok: symbolic-propagation
    show(frame)
