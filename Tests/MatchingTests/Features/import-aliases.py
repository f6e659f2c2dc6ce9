import yaml as y
from os import system

# ruleid: yaml-load
y.load(text)
# ruleid: os-system
system("ls")
# ok: yaml-load
json.load(text)

from hashlib import md5
from pickle import Unpickler
import shelve

# ruleid: unpickling
Unpickler(stream).load()
# ruleid: unpickling
shelve.load(path)
# ok: unpickling
loader.load(path)
# ruleid: md5-for-security
md5(data)
# ok: md5-for-security
md5(data, usedforsecurity=False)

from os.path import join as j
from os.path import exists

# ruleid: path-call-through-alias
j(part)
# ruleid: path-call-through-alias
exists(part)
# ok: path-call-through-alias
join(part)
