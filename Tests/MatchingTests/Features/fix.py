import yaml

# ruleid: use-safe-load
data = yaml.load(text)
