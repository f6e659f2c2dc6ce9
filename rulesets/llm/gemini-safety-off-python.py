from google.generativeai.types import HarmBlockThreshold, HarmCategory

relaxed = {
    # ruleid: llm.gemini-safety-off-python
    HarmCategory.HARM_CATEGORY_DANGEROUS_CONTENT: HarmBlockThreshold.BLOCK_NONE,
}

# ruleid: llm.gemini-safety-off-python
raw = [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"}]

default = {
    # ok: llm.gemini-safety-off-python
    HarmCategory.HARM_CATEGORY_DANGEROUS_CONTENT: HarmBlockThreshold.BLOCK_MEDIUM_AND_ABOVE,
}

# ok: llm.gemini-safety-off-python
strict = [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_LOW_AND_ABOVE"}]
