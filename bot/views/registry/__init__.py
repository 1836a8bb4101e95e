"""Block Kit for the partner registry: cards, moves, lists, the journey, the registration modal."""
