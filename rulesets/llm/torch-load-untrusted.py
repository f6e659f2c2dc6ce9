import joblib
import numpy as np
import torch

# ruleid: llm.torch-load-untrusted
checkpoint = torch.load("downloads/model.pt")

# ruleid: llm.torch-load-untrusted
classifier = joblib.load("downloads/classifier.joblib")

# ok: llm.torch-load-untrusted
safe = torch.load("downloads/model.pt", weights_only=True)

# ok: llm.torch-load-untrusted
array = np.load("features.npy")
