"""The policy microkernel: models, hook specs, the plugin host, the business calendar.

No policy rule lives here: the rules are in the plugins (``ontime_support.plugins.*``),
each citing its clause id. The kernel never imports Textual.
"""

from .errors import InputError
from .hookspecs import hookimpl, hookspec
from .models import (
    Availability,
    Comparison,
    Eligibility,
    EscalationStep,
    Hours,
    Matter,
    OptionResult,
    OptionSpec,
    PluginError,
    Pricing,
    Profile,
    Reason,
    Status,
    Triage,
)
from .text import T, Text

__all__ = [
    "Availability", "Comparison", "Eligibility", "EscalationStep", "Hours", "InputError", "Matter",
    "OptionResult", "OptionSpec", "PluginError", "Pricing", "Profile", "Reason", "Status", "T", "Text",
    "Triage", "hookimpl", "hookspec",
]
