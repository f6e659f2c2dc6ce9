import os

import psycopg2

# ruleid: python.hardcoded-credential
SECRET_KEY = "k8s7Hq2Lx0VbN3mP"


def connect():
    # ruleid: python.hardcoded-credential
    return psycopg2.connect(host="db", user="app", password="Sup3rS3cret!")


# ok: python.hardcoded-credential
API_KEY = os.environ["API_KEY"]

# ok: python.hardcoded-credential
password = ""


def connect_safely():
    # ok: python.hardcoded-credential
    return psycopg2.connect(host="db", user="app", password=os.environ["DB_PASSWORD"])
