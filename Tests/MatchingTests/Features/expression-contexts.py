import pickle

# ruleid: pickle-loads
pickle.loads(blob)
# ruleid: pickle-loads
value = pickle.loads(blob)


def load(blob):
    # ruleid: pickle-loads
    return pickle.loads(blob)


# ok: pickle-loads
value = "pickle.loads(blob)"
# ok: pickle-loads
# pickle.loads(blob)
