import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape

# ruleid: python.jinja2-autoescape-off
plain = Environment(loader=FileSystemLoader("templates"))

# ruleid: python.jinja2-autoescape-off
off = jinja2.Environment(loader=FileSystemLoader("templates"), autoescape=False)

# ok: python.jinja2-autoescape-off
html = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())

# ok: python.jinja2-autoescape-off
always = jinja2.Environment(autoescape=True)
