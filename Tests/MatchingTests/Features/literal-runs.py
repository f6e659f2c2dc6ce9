# ruleid: literal-runs
query = "SELECT " "1"
# ruleid: literal-runs
query = "SELECT " f"1"
# ok: literal-runs
query = "SELECT " f"{column}"
# ok: literal-runs
query = f"SELECT " f"FROM {table}"
