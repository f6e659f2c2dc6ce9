import asyncio


async def ping(host):
    # ruleid: python.asyncio-shell-dynamic
    proc = await asyncio.create_subprocess_shell(f"ping -c 1 {host}")
    await proc.wait()


async def run_on(loop, factory, name):
    # ruleid: python.asyncio-shell-dynamic
    await loop.subprocess_shell(factory, "cat " + name)


async def fixed():
    # ok: python.asyncio-shell-dynamic
    proc = await asyncio.create_subprocess_shell("date")
    await proc.wait()


async def ping_safely(host):
    # ok: python.asyncio-shell-dynamic
    proc = await asyncio.create_subprocess_exec("ping", "-c", "1", host)
    await proc.wait()
