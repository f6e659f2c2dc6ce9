import jwt


def claims(token):
    # ruleid: python.jwt-unverified-decode
    return jwt.decode(token, options={"verify_signature": False})


def claims_any(token, key):
    # ruleid: python.jwt-unverified-decode
    return jwt.decode(token, key, algorithms=["HS256", "none"])


def claims_safely(token, key):
    # ok: python.jwt-unverified-decode
    return jwt.decode(token, key, algorithms=["RS256"])


def claims_with_audience(token, key):
    # ok: python.jwt-unverified-decode
    return jwt.decode(token, key, algorithms=["HS256"], audience="api")
