"""The version of the engines' defined algorithms and conventions.

Raise it whenever a change could give a stored reading a different number, name or moon: every
reading records it in its method stamp (`oracle.services.method`), and a reading re-opened after
a change says which version computed it.
"""

from typing import Final

ENGINE_VERSION: Final = "1.0"
