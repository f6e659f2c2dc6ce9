import requests


def fetch(url):
    # ruleid: verify-off
    requests.get(url, verify=False)
    # ruleid: verify-off
    requests.post(url, verify=False)
    # ok: verify-off
    requests.get("http://localhost", verify=False)


# ok: verify-off
requests.get(url, verify=False)
