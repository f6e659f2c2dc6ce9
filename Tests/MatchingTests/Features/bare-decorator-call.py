import functools
from functools import lru_cache


# ruleid: bare-decorator-call
@lru_cache
def one():
    return 1


# ruleid: bare-decorator-call
@functools.lru_cache(maxsize=2)
def two():
    return 2


# ok: bare-decorator-call
@staticmethod
def three():
    return 3
