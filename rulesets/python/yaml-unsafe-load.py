import yaml


def read(text):
    # ruleid: python.yaml-unsafe-load
    return yaml.load(text, Loader=yaml.Loader)


def read_all(text):
    # ruleid: python.yaml-unsafe-load
    return yaml.unsafe_load(text)


def read_safely(text):
    # ok: python.yaml-unsafe-load
    return yaml.safe_load(text)


def read_with_loader(text):
    # ok: python.yaml-unsafe-load
    return yaml.load(text, Loader=yaml.SafeLoader)
