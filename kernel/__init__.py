"""The policy microkernel: the contract (hook specs, models) and the mechanism (the plugin host).

No policy rule lives here: the rules are in the plugins (``ontime_support.plugins.*``),
each citing its clause id; plugin authors import from ``ontime_support.sdk``, which
re-exports what they need. The kernel never imports Textual.
"""
