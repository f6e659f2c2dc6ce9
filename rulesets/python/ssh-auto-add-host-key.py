import paramiko


def connect(host):
    client = paramiko.SSHClient()
    # ruleid: python.ssh-auto-add-host-key
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host)
    return client


def connect_warn(host):
    client = paramiko.SSHClient()
    # ruleid: python.ssh-auto-add-host-key
    client.set_missing_host_key_policy(paramiko.WarningPolicy())
    client.connect(host)
    return client


def connect_known(host):
    client = paramiko.SSHClient()
    # ok: python.ssh-auto-add-host-key
    client.load_system_host_keys()
    # ok: python.ssh-auto-add-host-key
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(host)
    return client
