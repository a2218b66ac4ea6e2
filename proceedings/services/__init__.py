"""Every change to what meetings produce: atomic, checked against the rules, audited.

Callers use this package (`from proceedings import services`); each module serves one part
of the work and adds its public functions here.
"""
