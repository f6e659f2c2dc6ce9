import jinja2
from flask import render_template_string, request


def greet():
    name = request.args.get("name", "")
    # ruleid: python.template-from-input
    return render_template_string("<p>Hello " + name + "</p>")


def letter(body):
    # ruleid: python.template-from-input
    return jinja2.Template(f"Dear customer, {body}").render()


def greet_safely():
    # ok: python.template-from-input
    return render_template_string("<p>Hello {{ name }}</p>", name=request.args.get("name"))


def fixed_letter(env):
    # ok: python.template-from-input
    return env.from_string("Dear {{ who }}").render(who="customer")
