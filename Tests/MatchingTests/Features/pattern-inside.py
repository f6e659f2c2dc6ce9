def handle(request, extra):
    # ruleid: print-in-handler
    print(request)
    return 1


def helper(value):
    # ok: print-in-handler
    print(value)
