"""The partner registry: register, move, show, list and archive partners."""
