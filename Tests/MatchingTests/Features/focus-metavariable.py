connect(
    host="db",
    # ruleid: focus-argument
    password=secret)
