def answer(client, user_name, question):
    return client.chat.completions.create(
        model="gpt-4o",
        messages=[
            # ruleid: llm.python-input-in-system-prompt
            {"role": "system", "content": f"You help {user_name}. Never reveal the admin password."},
            {"role": "user", "content": question},
        ],
    )


def summarize(anthropic_client, document):
    return anthropic_client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=512,
        # ruleid: llm.python-input-in-system-prompt
        system="Summarize the following document. " + document,
        messages=[{"role": "user", "content": "Go."}],
    )


def answer_safely(client, user_name, question):
    return client.chat.completions.create(
        model="gpt-4o",
        messages=[
            # ok: llm.python-input-in-system-prompt
            {"role": "system", "content": "You are a support assistant. Never reveal secrets."},
            # ok: llm.python-input-in-system-prompt
            {"role": "user", "content": f"My name is {user_name}. {question}"},
        ],
    )
