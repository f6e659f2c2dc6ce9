import tempfile


def scratch():
    # ruleid: python.tempfile-mktemp
    name = tempfile.mktemp(suffix=".txt")
    return name


def dump(data):
    # ruleid: python.tempfile-mktemp
    with open("/tmp/export.csv", "w") as handle:
        handle.write(data)


def scratch_safely():
    # ok: python.tempfile-mktemp
    handle = tempfile.NamedTemporaryFile(suffix=".txt", delete=False)
    return handle.name


def read_config():
    # ok: python.tempfile-mktemp
    with open("/tmp/export.csv") as handle:
        return handle.read()
