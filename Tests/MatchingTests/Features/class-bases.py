# ruleid: class-with-finalizer
class Plain:
    def __del__(self):
        release(self)


# ruleid: class-with-finalizer
class Empty():
    size = 0

    def __del__(self):
        release(self)


# ruleid: class-with-finalizer
class Derived(Base, metaclass=Meta):
    def __del__(self):
        release(self)


# ok: class-with-finalizer
class Quiet:
    def close(self):
        release(self)
