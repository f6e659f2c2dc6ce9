import os

from openai import OpenAI

# ruleid: llm.openai-api-key
client = OpenAI(api_key="sk-proj-EXAMPLEexampleEXAMPLEexample0123456789abcdEFGHijkl")

# ruleid: llm.openai-api-key
LEGACY_KEY = "sk-EXAMPLEexampleEXAMPLEexample012345678901234567"

# ok: llm.openai-api-key
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])

# ok: llm.openai-api-key
PLACEHOLDER = "sk-..."
