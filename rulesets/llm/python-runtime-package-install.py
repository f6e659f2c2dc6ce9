import os
import subprocess
import sys


def ensure(package):
    # ruleid: llm.python-runtime-package-install
    subprocess.check_call([sys.executable, "-m", "pip", "install", package])


def install_suggested(client, task):
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": task}])
    name = reply.choices[0].message.content.strip()
    # ruleid: llm.python-runtime-package-install
    os.system(f"pip install {name}")


def install_pinned():
    # ok: llm.python-runtime-package-install
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--require-hashes", "-r", "requirements.lock"])


def listing():
    # ok: llm.python-runtime-package-install
    subprocess.run(["pip", "list"])
