"""`/partner VERB …`: the verb table (`dispatch`), each area's verbs, and how one line runs."""

from commands.verbs.dispatch import VERBS, find_verb, handle
from commands.verbs.verb import Verb

__all__ = ["VERBS", "Verb", "find_verb", "handle"]
