import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("files")
ROOT = "/srv/workspace"


@mcp.tool()
def read_file(path: str) -> str:
    """Read a file."""
    # ruleid: llm.python-tool-file-access
    with open(path) as handle:
        return handle.read()


@mcp.tool()
def delete_file(path: str) -> str:
    """Delete a file."""
    # ruleid: llm.python-tool-file-access
    os.remove(os.path.join(ROOT, path))
    return "deleted"


@mcp.tool()
def read_notes() -> str:
    """Read the notes file."""
    # ok: llm.python-tool-file-access
    with open("/srv/workspace/notes.md") as handle:
        return handle.read()


def read_any(path):
    # ok: llm.python-tool-file-access
    with open(path) as handle:
        return handle.read()
