"""Quickstart: the numbers and prefixes one Zoom Phone account blocks, declared as Pulumi resources.

The repository's root is a Pulumi project whose program is this file: run `pulumi preview` and `pulumi up` here (its
Pulumi.yaml uses the repository's .venv), or try it against the local emulator with `make demo`. Numbers may be
written the way people write them: each is stored and compared in E.164, so re-running never shows a false change.
This program must never hold a credential: those come from stack config (`zoom:clientSecret` set with --secret) or
ZOOM_* environment variables.
"""

import pulumi

from zoom_blocklist_provider import BlockedNumber

# Inbound: calls from these numbers never reach our users. The comment is what the Zoom portal shows beside the entry,
# so it carries the ticket that explains the block.
robocaller = BlockedNumber(
    "robocaller",
    phone_number="+1 (907) 555-0100",
    comment="INC-4821: robocaller posing as the tax office",
)
spoofed_helpdesk = BlockedNumber(
    "spoofed-helpdesk",
    phone_number="1-907-555-0101",
    comment="INC-4907: spoofs our helpdesk caller id",
)
# A national form needs its country to be read as a full number.
night_fax = BlockedNumber(
    "night-fax",
    phone_number="(907) 555-0102",
    country="us",
    comment="INC-5012: fax tones every night at 2am",
)

# Outbound: our users cannot call these. A prefix blocks every number that starts with it.
premium_rate = BlockedNumber(
    "premium-rate",
    phone_number="+1 900",
    match_type="prefix",
    block_type="outbound",
    comment="CHG-2201: no premium-rate calls from company phones",
)
# Inactive keeps the entry (and its history) in Zoom while letting calls through.
old_vendor = BlockedNumber(
    "old-vendor",
    phone_number="+44 20 7946 0000",
    block_type="outbound",
    status="inactive",
    comment="CHG-2240: block lifted while the contract is renegotiated",
)

# What `pulumi stack output blocked` shows: each entry's Zoom id beside the number as Zoom stores it.
pulumi.export(
    "blocked",
    [
        {"id": entry.id, "phone_number": entry.phone_number, "block_type": entry.block_type, "status": entry.status}
        for entry in (robocaller, spoofed_helpdesk, night_fax, premium_rate, old_vendor)
    ],
)
