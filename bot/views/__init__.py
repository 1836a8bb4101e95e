"""Pure Block Kit builders: reply data in, Slack blocks out.

Importing the package registers every body type's builder on `blocks.build_reply_blocks`.
"""

from bot.views import alliances as _alliances  # noqa: F401
from bot.views import audit as _audit  # noqa: F401
from bot.views import base as _base  # noqa: F401
from bot.views import breakdowns as _breakdowns  # noqa: F401
from bot.views import digest as _digest  # noqa: F401
from bot.views import feedback as _feedback  # noqa: F401
from bot.views import journey_map as _journey_map  # noqa: F401
from bot.views import kpis as _kpis  # noqa: F401
from bot.views import profile as _profile  # noqa: F401
from bot.views import retention as _retention  # noqa: F401
from bot.views import roles as _roles  # noqa: F401
from bot.views import settings as _settings  # noqa: F401
from bot.views import stages as _stages  # noqa: F401
from bot.views import stalls as _stalls  # noqa: F401
from bot.views import targets as _targets  # noqa: F401
from bot.views import touchpoints as _touchpoints  # noqa: F401
from bot.views.registry import partners as _registry_partners  # noqa: F401
from bot.views.scoring import asks as _scoring_asks  # noqa: F401
from bot.views.scoring import questionnaire as _scoring_questionnaire  # noqa: F401
from bot.views.scoring import ranking as _scoring_ranking  # noqa: F401
