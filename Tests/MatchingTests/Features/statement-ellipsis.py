def first():
    # ruleid: open-without-close
    handle = open("a.txt")
    size = 10
    data = handle.read()
    return data


def second():
    # ok: open-without-close
    handle = open("a.txt")
    other.read()


def third(flag):
    # ok: open-without-close
    handle = open("a.txt")
    if flag:
        pass
    return handle


def search(names):
    wanted = request.args.get("q")
    # ruleid: request-value-to-regex
    return [name for name in names if re.match(wanted, name)]
