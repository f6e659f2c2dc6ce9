import os
from pathlib import Path


def share(path):
    # ruleid: python.chmod-world-writable
    os.chmod(path, 0o777)


def prepare(folder):
    # ruleid: python.chmod-world-writable
    os.makedirs(folder, mode=0o777, exist_ok=True)


def protect(path):
    # ok: python.chmod-world-writable
    os.chmod(path, 0o600)


def publish(path):
    # ok: python.chmod-world-writable
    Path(path).chmod(0o755)
