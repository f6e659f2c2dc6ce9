def calculate(expression):
    # ruleid: python.eval-dynamic
    return eval(expression)


def run_snippet(source, scope):
    # ruleid: python.eval-dynamic
    exec(source, scope)


def constant():
    # ok: python.eval-dynamic
    return eval("1 + 2")


def parse(text):
    import ast
    # ok: python.eval-dynamic
    return ast.literal_eval(text)
