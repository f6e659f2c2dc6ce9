def stop():
    # ruleid: bare-return
    try:
        work()
    finally:
        log()
        return


def value():
    # ruleid: bare-return
    try:
        work()
    finally:
        return 1


def plain():
    # ok: bare-return
    try:
        work()
    finally:
        log()
