import requests

# ruleid: unverified-request
requests.get(url, verify=False, timeout=3)
# ruleid: unverified-request
requests.get(url, timeout=3, verify=False)
# ok: unverified-request
requests.get(url, timeout=3)
# ruleid: password-keyword
connect(host="db", password="hunter2")
# ok: password-keyword
connect(host="db", password=secret)
