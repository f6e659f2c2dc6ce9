import re

from flask import request


def search(lines):
    # ruleid: python.regex-from-request
    pattern = re.compile(request.args["q"])
    return [line for line in lines if pattern.search(line)]


def filter_names(names):
    wanted = request.args.get("filter", "")
    # ruleid: python.regex-from-request
    return [name for name in names if re.match(wanted, name)]


def search_literally(lines):
    # ok: python.regex-from-request
    pattern = re.compile(re.escape(request.args["q"]))
    return [line for line in lines if pattern.search(line)]


def digits(text):
    # ok: python.regex-from-request
    return re.findall(r"[0-9]+", text)
