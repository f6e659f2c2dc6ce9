def configure(flag, settings):
    # ok: same-branches
    if flag:
        port = settings.port
    else:
        port = 8080
    # ok: same-branches
    if flag:
        return settings.primary
    else:
        return settings.secondary
    # ok: same-branches
    if flag:
        log(settings.name)
    else:
        log(settings.path)
    # ruleid: same-branches
    if flag:
        return settings.primary
    else:
        return settings.primary
    # ruleid: same-branches
    if flag:
        with settings.lock:
            reload()
    else:
        with settings.lock:
            reload()
    # ruleid: same-branches
    if flag:
        prepare()
        start(settings)
    else:
        prepare()
        start(settings)
    # ok: same-branches
    if flag:
        prepare()
        start(settings)
    else:
        prepare()
    # ok: same-branches
    if flag:
        total = compute(settings) + 1
    else:
        total = compute(settings) + 2


def check(value):
    if value is None:
        # ruleid: unreachable-after-raise
        raise ValueError("missing")
        value = 0
    if value < 0:
        # ruleid: unreachable-after-raise
        raise ValueError("negative")
        if value:
            cleanup()
    # ok: unreachable-after-raise
    raise RuntimeError("done")
