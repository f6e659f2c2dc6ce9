from openai import OpenAI

client = OpenAI()


def compute(question):
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    # ruleid: llm.python-output-to-eval
    return eval(reply.choices[0].message.content)


def run_plan(anthropic_client, task):
    message = anthropic_client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, messages=[{"role": "user", "content": task}])
    code = message.content[0].text.strip("`")
    # ruleid: llm.python-output-to-eval
    exec(code, {})


def answer(question):
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    # ok: llm.python-output-to-eval
    return reply.choices[0].message.content


def constant():
    # ok: llm.python-output-to-eval
    return eval("1 + 1")
