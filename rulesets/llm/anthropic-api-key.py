import os

import anthropic

# ruleid: llm.anthropic-api-key
client = anthropic.Anthropic(api_key="sk-ant-api03-EXAMPLEexampleEXAMPLEexample0123456789-abcdEFGH_ijklMNOP")

# ruleid: llm.anthropic-api-key
ADMIN = "sk-ant-admin01-EXAMPLEexampleEXAMPLEexample0123456789abcdEFGH"

# ok: llm.anthropic-api-key
client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])

# ok: llm.anthropic-api-key
PLACEHOLDER = "sk-ant-..."
