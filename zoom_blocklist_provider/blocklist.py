"""Where earlier states find the dynamic Blocklist provider: their pickled `__provider` names this module.

Kept so a stack applied before the package was regrouped still refreshes, updates and destroys (a test loads such
a pickle); new states name `zoom_blocklist_provider.dynamic.blocklist`.
"""

from .dynamic.blocklist import Blocklist, BlocklistProvider

__all__ = ["Blocklist", "BlocklistProvider"]
