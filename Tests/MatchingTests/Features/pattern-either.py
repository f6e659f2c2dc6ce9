import hashlib

# ruleid: weak-hash
hashlib.md5(data)
# ruleid: weak-hash
hashlib.sha1(data)
# ok: weak-hash
hashlib.sha256(data)
