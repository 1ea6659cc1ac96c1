"""The fields of a blocked-number entry: their values (enums), Zoom's limits, their descriptions, their errors.

The descriptions are written once, here: the models, the dynamic resources' docstrings, the native provider's
schema (and so every generated SDK) and the README's field table all come from them.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

PHONE_NUMBER_MAX = 50  # Zoom's limit on phone_number, applied to the text as written
COMMENT_MAX = 255  # Zoom's limit on comment


class MatchType(str, enum.Enum):
    """How phone_number is matched against a caller or a dialled number."""

    PHONE_NUMBER = "phoneNumber"
    PREFIX = "prefix"


class BlockType(str, enum.Enum):
    """Which calls the entry blocks; Zoom creates and reads 'threat' but will not PATCH to or from it."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"
    THREAT = "threat"


class Status(str, enum.Enum):
    """Whether the block is enforced."""

    ACTIVE = "active"
    INACTIVE = "inactive"


class SpecError(ValueError):
    """One problem with one field of an entry."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.value = value
        self.reason = reason

    def __reduce__(self) -> tuple[type[SpecError], tuple[str, object, str]]:
        return type(self), (self.field, self.value, self.reason)


class SpecErrors(ValueError):
    """Every problem of one entry, so a user fixes them in one pass instead of one per preview."""

    def __init__(self, errors: Sequence[SpecError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(error) for error in self.errors))

    def __reduce__(self) -> tuple[type[SpecErrors], tuple[list[SpecError]]]:
        return type(self), (self.errors,)


PHONE_NUMBER_DOC = (
    "The number or prefix to block. A number may be written in any common form ('+1 (907) 555-0100', "
    "'1-907-555-0100', or a national form such as '(907) 555-0100' together with country) and is stored in "
    "E.164 ('+19075550100'); any number the country's numbering plan makes possible is accepted, assigned or "
    "not. With match_type 'prefix' it is stored as '+' and the leading digits, starting with a country calling "
    "code ('+1907'); written without '+' its digits start with the calling code ('1907'), or with country it is a "
    "national prefix ('907' and country 'US'). A short code such as '88888' or '911' needs country and is stored "
    "as its digits. At most 50 characters as written."
)
MATCH_TYPE_DOC = (
    "'phoneNumber' blocks exactly phone_number; 'prefix' blocks every number that starts with it. "
    "Case-sensitive, as Zoom spells it. Default 'phoneNumber'."
)
BLOCK_TYPE_DOC = (
    "'inbound' stops calls from the number reaching your users; 'outbound' stops your users calling it; "
    "'threat' marks it as a known threat. Changing to or from 'threat' replaces the entry, since Zoom cannot "
    "update that in place. Case-sensitive. Default 'inbound'."
)
STATUS_DOC = "'active' enforces the block; 'inactive' keeps the entry but lets calls through. Default 'active'."
COMMENT_DOC = (
    "A note for whoever reads the blocked list in the Zoom portal: one line of at most 255 characters, with no "
    "control characters. Absent and '' are the same."
)
COUNTRY_DOC = (
    "ISO 3166-1 alpha-2 code of the number's country ('US', 'GB'; any case, stored upper case). Needed for "
    "national forms and short codes; when given, it must agree with the number's or prefix's calling code. "
    "Zoom never returns it, so it is not compared on refresh."
)
ADOPT_DOC = (
    "Take over an entry that already exists in Zoom with the same phone_number, match_type and block_type "
    "(patching its status and comment to the declared ones) instead of failing. Has no effect once created."
)
ALLOW_EMERGENCY_DOC = (
    "Allow an entry that would block an emergency number of its country, which check otherwise refuses: a short "
    "code such as '911' or '112', the same behind its calling code ('+1911', '+44999'), or a prefix or unassigned "
    "number that dials one ('+19112'). Blocking calls to emergency services can stop people reaching help; blocking "
    "calls from them can stop callbacks. Never sent to Zoom; default False."
)
