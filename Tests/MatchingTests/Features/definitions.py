# ruleid: debug-route
@app.route("/a")
def index():
    setup()
    debug()
    return "ok"


# ok: debug-route
@app.route("/b")
def other():
    return "ok"


# ruleid: class-with-eval
class Calculator(Base):
    def add(self, a, b):
        return a + b

    def eval(self, text):
        return text


# ok: class-with-eval
class Plain:
    def add(self, a, b):
        return a + b
