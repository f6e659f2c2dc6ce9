import tablib

def early(out):
    # ruleid: import-order
    return tablib.writer(out)

# ruleid: import-order
tablib.writer(open("a"))

import safetab as tablib

# ok: import-order
tablib.writer(open("b"))
