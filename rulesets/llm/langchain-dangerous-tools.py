from langchain_community.tools import ShellTool
from langchain_community.vectorstores import FAISS
from langchain_experimental.agents import create_pandas_dataframe_agent

# ruleid: llm.langchain-dangerous-tools
shell = ShellTool()

# ruleid: llm.langchain-dangerous-tools
agent = create_pandas_dataframe_agent(llm, frame, allow_dangerous_code=True)

# ok: llm.langchain-dangerous-tools
agent = create_pandas_dataframe_agent(llm, frame)

# ok: llm.langchain-dangerous-tools
store = FAISS.load_local("index", embeddings)
