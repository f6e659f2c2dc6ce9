# ruleid: lock-released-later
def update(lock, data):
    if data:
        lock.acquire()
        data.append(1)
    lock.release()


# ruleid: lock-released-later
def refresh(lock, data):
    for item in data:
        lock.acquire()
    while data:
        if item:
            lock.release()


# ok: lock-released-later
def swap(lock, data):
    lock.release()
    if data:
        lock.acquire()


def make_handler(debug):
    if debug:
        # ok: nested-function-not-returned
        def handler(event):
            print(event)
    else:
        # ok: nested-function-not-returned
        def handler(event):
            pass
    return handler


def make_checker(limit):
    try:
        # ok: nested-function-not-returned
        def checker(value):
            return value < limit
    finally:
        pass
    # ruleid: nested-function-not-returned
    def unused(value):
        return value
    return checker
