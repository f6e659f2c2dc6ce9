import yaml

# ruleid: use-safe-load
data = yaml.safe_load(text)
