def f():
    x = source(1)
    # ruleid: taint-messages
    sink(x)
    y = source(2)
    # a sanitizer matching a name does not clean it afterwards without by-side-effect
    validate(y)
    # ruleid: taint-messages
    sink(y)
    z = source(3)
    # ruleid: taint-messages
    sink(z + x)
