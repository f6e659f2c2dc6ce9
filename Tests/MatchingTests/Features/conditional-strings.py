import os

same = "ls" if verbose else "ls"
# ruleid: fixed-command, some-command
os.system(same)

either = "ls" if verbose else "pwd"
# ruleid: some-command
os.system(either)

# ruleid: some-command
os.system("ls" if verbose else "dir")

# ruleid: fixed-command, some-command
os.system("l" + "s" if verbose else "ls")

unknown = "ls" if verbose else command
# ok: some-command
os.system(unknown)

# ok: some-command
os.system(command or "ls")
