import requests
from flask import request


def preview():
    # ruleid: python.ssrf-request-url
    page = requests.get(request.args["url"], timeout=5)
    return page.text


def webhook_test():
    target = request.json.get("callback")
    # ruleid: python.ssrf-request-url
    return requests.post(target, json={"ping": True}, timeout=5).status_code


def status():
    # ok: python.ssrf-request-url
    return requests.get("https://status.example.com/api", timeout=5).json()


def lookup():
    # ok: python.ssrf-request-url
    value = request.args.get("q")
    return value
