import random
import secrets
import string


def new_token():
    # ruleid: python.random-for-secret
    token = "".join(random.choices(string.ascii_letters, k=32))
    return token


def reset(user):
    # ruleid: python.random-for-secret
    user.reset_code = random.randint(100000, 999999)


def new_token_safely():
    # ok: python.random-for-secret
    token = secrets.token_urlsafe(32)
    return token


def shuffle_order(items):
    # ok: python.random-for-secret
    order = random.sample(items, len(items))
    return order
