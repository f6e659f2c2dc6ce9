import os

import google.generativeai as genai

# ruleid: llm.google-ai-api-key
genai.configure(api_key="AIzaSyEXAMPLE-example_EXAMPLEexample012")

# ruleid: llm.google-ai-api-key
MAPS_AND_GEMINI = "AIzaSyEXAMPLE0example1EXAMPLE2example34"

# ok: llm.google-ai-api-key
genai.configure(api_key=os.environ["GEMINI_API_KEY"])

# ok: llm.google-ai-api-key
PLACEHOLDER = "AIza..."
