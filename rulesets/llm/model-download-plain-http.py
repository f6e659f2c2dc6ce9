import urllib.request

import torch

# ruleid: llm.model-download-plain-http
urllib.request.urlretrieve("http://models.example.com/llama-7b.gguf", "model.gguf")

# ruleid: llm.model-download-plain-http
state = torch.hub.load_state_dict_from_url("http://models.example.com/resnet50.pth")

# ok: llm.model-download-plain-http
urllib.request.urlretrieve("https://models.example.com/llama-7b.gguf", "model.gguf")

# ok: llm.model-download-plain-http
local = urllib.request.urlopen("http://localhost:8080/health")

# ok: llm.model-download-plain-http
status = urllib.request.urlopen("http://status.example.com/api/v1")
