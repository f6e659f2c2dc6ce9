import os

from flask import request, send_file, send_from_directory


def download():
    # ruleid: python.path-from-request
    return send_file(request.args["name"])


def read_report():
    # ruleid: python.path-from-request
    with open(os.path.join("/srv/reports", request.args.get("file"))) as handle:
        return handle.read()


def django_view(request):
    # ruleid: python.path-from-request
    return open("/srv/files/" + request.GET["name"]).read()


def download_safely():
    # ok: python.path-from-request
    return send_from_directory("/srv/reports", request.args["name"])


def fixed():
    # ok: python.path-from-request
    return send_file("/srv/reports/summary.pdf")
