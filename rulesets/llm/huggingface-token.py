import os

from huggingface_hub import login

# ruleid: llm.huggingface-token
login(token="hf_EXAMPLEexampleEXAMPLEexample01234")

# ruleid: llm.huggingface-token
HF_TOKEN = "hf_exampleEXAMPLEexampleEXAMPLE9876"

# ok: llm.huggingface-token
login(token=os.environ["HF_TOKEN"])

# ok: llm.huggingface-token
PLACEHOLDER = "hf_..."
