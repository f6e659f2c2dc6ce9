import os

# ruleid: python.django-debug-on
DEBUG = True

if os.environ.get("LOCAL"):
    # ruleid: python.django-debug-on
    DEBUG = True

# ok: python.django-debug-on
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"


def configure():
    # ok: python.django-debug-on
    DEBUG = True
    return DEBUG
