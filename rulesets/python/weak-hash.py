import hashlib


def fingerprint(secret):
    # ruleid: python.weak-hash
    return hashlib.md5(secret.encode()).hexdigest()


def token_hash(token):
    # ruleid: python.weak-hash
    return hashlib.new("sha1", token).hexdigest()


def cache_key(blob):
    # ok: python.weak-hash
    return hashlib.md5(blob, usedforsecurity=False).hexdigest()


def digest(blob):
    # ok: python.weak-hash
    return hashlib.sha256(blob).hexdigest()
