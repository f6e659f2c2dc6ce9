import subprocess

from mcp.server.fastmcp import FastMCP
from langchain_core.tools import tool

mcp = FastMCP("helper")


@mcp.tool()
def run_command(command: str) -> str:
    """Run a shell command."""
    # ruleid: llm.python-tool-runs-shell
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout


@tool
def grep_logs(pattern: str) -> str:
    """Search the logs."""
    # ruleid: llm.python-tool-runs-shell
    return subprocess.check_output(f"grep -r {pattern} /var/log", shell=True, text=True)


@mcp.tool()
def disk_usage() -> str:
    """Show disk usage."""
    # ok: llm.python-tool-runs-shell
    return subprocess.run(["df", "-h"], capture_output=True, text=True).stdout


def helper(command):
    # ok: llm.python-tool-runs-shell
    return subprocess.run(["echo", command], capture_output=True, text=True).stdout
