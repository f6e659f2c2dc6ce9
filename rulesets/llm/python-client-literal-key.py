import os

from anthropic import Anthropic
from langchain_openai import ChatOpenAI

# ruleid: llm.python-client-literal-key
client = Anthropic(api_key="my-team-key-7f3c9a2b")

# ruleid: llm.python-client-literal-key
llm = ChatOpenAI(model="gpt-4o", openai_api_key="proj-key-for-demo-1234")

# ok: llm.python-client-literal-key
client = Anthropic()

# ok: llm.python-client-literal-key
local = ChatOpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")

# ok: llm.python-client-literal-key
llm = ChatOpenAI(model="gpt-4o", api_key=os.environ["OPENAI_API_KEY"])
