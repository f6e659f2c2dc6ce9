import streamlit as st
from markupsafe import Markup


def chat(client, prompt):
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
    # ruleid: llm.python-output-to-html
    st.markdown(reply.choices[0].message.content, unsafe_allow_html=True)


def summary(anthropic_client, page):
    message = anthropic_client.messages.create(model="claude-sonnet-4-5", max_tokens=512, messages=[{"role": "user", "content": page}])
    html = "<div>" + message.content[0].text + "</div>"
    # ruleid: llm.python-output-to-html
    return Markup(html)


def chat_safely(client, prompt):
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
    # ok: llm.python-output-to-html
    st.markdown(reply.choices[0].message.content)


def banner():
    # ok: llm.python-output-to-html
    return Markup("<hr>")
