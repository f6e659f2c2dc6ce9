import os


def backup(folder):
    # ruleid: python.os-system-dynamic
    os.system("tar czf backup.tgz " + folder)


def grep(word):
    # ruleid: python.os-system-dynamic
    return os.popen(f"grep -r {word} .").read()


def uptime():
    # ok: python.os-system-dynamic
    return os.popen("uptime").read()


def listing():
    # ok: python.os-system-dynamic
    os.system("ls -l")
