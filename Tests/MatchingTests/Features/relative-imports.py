# A name imported from a relative module resolves to that module's name with its dots as the
# first part (semgrep): `$OWNER.$NAME` matches it, an absolute `settings.x` does not.
from .features import has_cache
from ..engine.options import has_retries
from . import has_tracing
from .settings import debug_mode
from settings import debug_mode as absolute_debug

# ruleid: flag-read-not-called
if has_cache:
    pass

# ruleid: flag-read-not-called
while not has_retries:
    break

# ruleid: flag-read-not-called
enabled = has_tracing

# ok: flag-read-not-called
has_cache()

# ok: settings-debug
print(debug_mode)

# ruleid: settings-debug
print(absolute_debug)
