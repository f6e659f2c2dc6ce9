def show(item):
    # ruleid: returns-print
    return print(item)


# ruleid: returns-print
report = lambda item: print(item)

handlers = {
    # ruleid: returns-print
    "echo": lambda text: print(text, end=""),
    # ok: returns-print
    "upper": lambda text: text.upper(),
}


class Printer:
    # ruleid: returns-print
    emit = lambda self, line: (
        print(line))

    def stop(self):
        # ok: returns-print
        return
