"""Alliance structures: `alliance …` (structures, types, the matrix), `handover …` and `bonus …`.

The verbs live in `structures` and `flows`, their grammar in `parse`, the measurements in `measure`, and what
cards and the digest show in `advice`.
"""
