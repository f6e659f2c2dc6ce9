import requests

URL = "http://example.com"
PORT = 80
# ruleid: insecure-url
requests.get(URL)
# ruleid: privileged-port
listen(PORT)


def fetch(flag):
    # ruleid: insecure-url
    requests.get(URL)
    address = "http://example.com"
    if flag:
        # ruleid: insecure-url
        requests.get(address)
    address = "https://example.com"
    # ok: insecure-url
    requests.get(address)


def loop(items):
    target = "http://example.com"
    for item in items:
        # ok: insecure-url
        requests.get(target)
        target = item


def branch(flag):
    if flag:
        maybe = "http://example.com"
    # ok: insecure-url
    requests.get(maybe)


class Client:
    base = "http://example.com"

    def get(self):
        # ok: insecure-url
        requests.get(base)
