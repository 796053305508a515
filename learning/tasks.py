"""Background jobs of the learning app (Celery; the beat schedule is in nps/settings.py).

`recalculate_learning` is declared where it is queued (`learning.services.engine`); imported here
so the worker registers it.
"""

from learning.services.engine import recalculate_learning

__all__ = ["recalculate_learning"]
