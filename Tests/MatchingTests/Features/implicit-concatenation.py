columns = (
    "id",
    # ruleid: joined-by-accident
    "name"
    "email",
)

labels = (
    # ruleid: joined-by-accident
    f"total for {region}"
    " this year",
    # ruleid: joined-by-accident
    "first"
    f" then {second}"
    " and third",
    # ok: joined-by-accident
    f"only {one} part",
    # ok: joined-by-accident
    "plain",
)
