import httpx
import requests


def fetch(url):
    # ruleid: python.requests-verify-disabled
    return requests.get(url, verify=False, timeout=10)


def client():
    # ruleid: python.requests-verify-disabled
    return httpx.Client(verify=False)


def fetch_safely(url):
    # ok: python.requests-verify-disabled
    return requests.get(url, timeout=10)


def fetch_private(url):
    # ok: python.requests-verify-disabled
    return requests.get(url, verify="/etc/ssl/private-ca.pem", timeout=10)
