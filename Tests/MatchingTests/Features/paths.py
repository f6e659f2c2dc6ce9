# ruleid: only-in-tests
assert value
