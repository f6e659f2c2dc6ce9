import yaml as y
from os import system

# ruleid: yaml-load
y.load(text)
# ruleid: os-system
system("ls")
# ok: yaml-load
json.load(text)
