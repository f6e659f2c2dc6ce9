import os

# ruleid: llm.inference-provider-key
GROQ_API_KEY = "gsk_EXAMPLEexampleEXAMPLEexampleEXAMPLEexample0123456789ab"

# ruleid: llm.inference-provider-key
REPLICATE_API_TOKEN = "r8_EXAMPLEexampleEXAMPLEexample01234567"

# ok: llm.inference-provider-key
GROQ = os.environ["GROQ_API_KEY"]

# ok: llm.inference-provider-key
PLACEHOLDER = "gsk_..."
