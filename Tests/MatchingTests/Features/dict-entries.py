# ruleid: dict-entries
SETTINGS = {"size": 10, "rate": 5, "other": 1}
# ruleid: dict-entries
SETTINGS = {"rate": 5}
# ok: dict-entries, dict-exact
SETTINGS = {"size": 10}
# ruleid: dict-exact, dict-entries
SETTINGS = {"size": 10, "rate": 5}
