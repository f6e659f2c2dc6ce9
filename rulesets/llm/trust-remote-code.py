from datasets import load_dataset
from transformers import AutoModelForCausalLM, pipeline

# ruleid: llm.trust-remote-code
model = AutoModelForCausalLM.from_pretrained("someone/custom-model", trust_remote_code=True)

# ruleid: llm.trust-remote-code
generate = pipeline("text-generation", model="someone/custom-model", trust_remote_code=True)

# ok: llm.trust-remote-code
pinned = AutoModelForCausalLM.from_pretrained("someone/custom-model", trust_remote_code=True, revision="4f1c2a9d3b7e6f5a8c0d1e2f3a4b5c6d7e8f9a0b")

# ok: llm.trust-remote-code
data = load_dataset("someone/dataset")
