# ruleid: open-outside-with
handle = open("a.txt")
# ok: open-outside-with
with open("a.txt") as f:
    pass
# ok: open-outside-with
with lock() as held, open("b.txt") as f:
    pass
