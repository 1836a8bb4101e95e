"""The partnership-management rules as pure values and functions: no I/O, no clock."""
