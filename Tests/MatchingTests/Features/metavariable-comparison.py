# ruleid: low-port
listen(80)
# ok: low-port
listen(8080)
# ok: low-port
listen(0)
# ruleid: small-key
generate_key(size=1024, kind="rsa")
# ok: small-key
generate_key(size=4096, kind="rsa")
# ok: small-key
generate_key(size=1024, kind="ec")
# ruleid: debug-name
configure(name="debug-1")
# ruleid: debug-name
configure(name="trace")
# ok: debug-name
configure(name="release")
