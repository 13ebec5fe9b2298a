"""ontime-support: who can help an OnTime Group Calendar customer, how fast, at what cost.

The installed namespace maps the repository's top-level folders (see
``pyproject.toml``): ``kernel/`` -> ``ontime_support.kernel``, ``plugins/`` ->
``ontime_support.plugins``, ``tui/`` -> ``ontime_support.tui``, ``cli/`` ->
``ontime_support.cli``, ``testing/`` -> ``ontime_support.testing``.
"""

__version__ = "0.1.0"
