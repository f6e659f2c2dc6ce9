import json
import pickle

import dill


def restore(blob):
    # ruleid: python.pickle-load
    return pickle.loads(blob)


def restore_file(path):
    with open(path, "rb") as handle:
        # ruleid: python.pickle-load
        return dill.load(handle)


def save(state, handle):
    # ok: python.pickle-load
    pickle.dump(state, handle)


def restore_json(text):
    # ok: python.pickle-load
    return json.loads(text)
