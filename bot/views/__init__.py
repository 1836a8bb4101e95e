"""Pure Block Kit builders: reply data in, Slack blocks out.

Importing the package registers every body type's builder on `blocks.build_reply_blocks`.
"""

from bot.views import alliances as _alliances  # noqa: F401
from bot.views import digest_blocks as _digest_blocks  # noqa: F401
from bot.views import feedback_blocks as _feedback_blocks  # noqa: F401
from bot.views import kpi_blocks as _kpi_blocks  # noqa: F401
from bot.views import map_blocks as _map_blocks  # noqa: F401
from bot.views import replies as _replies  # noqa: F401
from bot.views import score_blocks as _score_blocks  # noqa: F401
from bot.views import stall_blocks as _stall_blocks  # noqa: F401
