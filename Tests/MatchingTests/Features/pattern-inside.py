def handle(request, extra):
    # ruleid: print-in-handler
    print(request)
    return 1


def helper(value):
    # ok: print-in-handler
    print(value)


def decide(flag):
    value = 1
    # ruleid: condition-in-function
    if flag:
        value = 2
    return value


# ok: condition-in-function
if flag:
    value = 3
