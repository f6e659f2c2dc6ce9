import ssl
import urllib.request


def open_anything(url):
    # ruleid: python.ssl-verification-disabled
    context = ssl._create_unverified_context()
    return urllib.request.urlopen(url, context=context)


def lax_context():
    context = ssl.create_default_context()
    # ruleid: python.ssl-verification-disabled
    context.check_hostname = False
    # ruleid: python.ssl-verification-disabled
    context.verify_mode = ssl.CERT_NONE
    return context


def strict_context():
    # ok: python.ssl-verification-disabled
    context = ssl.create_default_context()
    # ok: python.ssl-verification-disabled
    context.verify_mode = ssl.CERT_REQUIRED
    return context
