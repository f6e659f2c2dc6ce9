import yaml

# ruleid: unsafe-load
yaml.load(text)
# ok: unsafe-load
yaml.load(text, Loader=yaml.SafeLoader)
