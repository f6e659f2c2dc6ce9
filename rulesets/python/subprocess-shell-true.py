import subprocess


def build(target):
    # ruleid: python.subprocess-shell-true
    subprocess.run("make " + target, shell=True)


def archive(name):
    # ruleid: python.subprocess-shell-true
    return subprocess.check_output(f"tar czf {name}.tgz {name}", shell=True, text=True)


def listing():
    # ok: python.subprocess-shell-true
    subprocess.run("ls -l", shell=True)


def safe(target):
    # ok: python.subprocess-shell-true
    subprocess.run(["make", target])
