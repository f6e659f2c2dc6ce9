from huggingface_hub import hf_hub_download
from transformers import AutoModel, AutoTokenizer

# ruleid: llm.hub-download-unpinned
model = AutoModel.from_pretrained("someone/tiny-model")

# ruleid: llm.hub-download-unpinned
weights = hf_hub_download(repo_id="someone/tiny-model", filename="model.safetensors")

# ok: llm.hub-download-unpinned
tokenizer = AutoTokenizer.from_pretrained("someone/tiny-model", revision="4f1c2a9d3b7e6f5a8c0d1e2f3a4b5c6d7e8f9a0b")

# ok: llm.hub-download-unpinned
local = AutoModel.from_pretrained("./models/tiny-model")
