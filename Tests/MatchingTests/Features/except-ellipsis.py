# ruleid: except-any
try:
    work()
except:
    cleanup()

# ruleid: except-any, except-typed
try:
    work()
except OSError:
    cleanup()

# ruleid: except-any
try:
    work()
except (KeyError, ValueError) as error:
    cleanup()

# ok: except-any, except-typed
try:
    work()
except OSError:
    report()
