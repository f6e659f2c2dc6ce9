import subprocess

# ruleid: shell-true
subprocess.run("ls", shell=True)
# ruleid: shell-true
subprocess.run(["ls", "-l"], check=True, shell=True, text=True)
# ok: shell-true
subprocess.run(["ls"], check=True)
# ruleid: first-argument-bound
open(name, "w", encoding="utf-8")
# ruleid: first-argument-bound
open(name)
# ok: first-argument-bound
open(file=name)
# ruleid: first-argument-bound
open(*names)
