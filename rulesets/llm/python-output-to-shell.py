import os
import subprocess


def fix_build(client, log):
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": log}])
    command = reply.choices[0].message.content
    # ruleid: llm.python-output-to-shell
    subprocess.run(command, shell=True)


def tidy(model, request):
    # ruleid: llm.python-output-to-shell
    os.system(model.generate_content(request).text)


def explain(client, log):
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": log}])
    # ok: llm.python-output-to-shell
    print(reply.choices[0].message.content)


def status():
    # ok: llm.python-output-to-shell
    subprocess.run(["git", "status"])
