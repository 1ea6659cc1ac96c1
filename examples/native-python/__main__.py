"""Two Zoom accounts in one program: the native `zoom` provider, one explicit provider instance per account.

The default provider takes its settings from the stack's `zoom:*` config (as the dynamic resources do); the `emea`
provider from its own arguments, here from config of this project (`emea:apiUrl`, ..., `emea:clientSecret` set with
--secret). Each instance has its own token, rate limiter and caches. This program must never hold a credential.
"""

import pulumi
import pulumi_zoom as zoom

emea_config = pulumi.Config("emea")
emea = zoom.Provider(
    "emea",
    account_id=emea_config.require("accountId"),
    client_id=emea_config.require("clientId"),
    client_secret=emea_config.require_secret("clientSecret"),
    api_url=emea_config.get("apiUrl"),
    oauth_url=emea_config.get("oauthUrl"),
)

# The default provider: the stack's own account.
robocaller = zoom.phone.BlockedNumber(
    "robocaller",
    phone_number="+1 (907) 555-0100",
    comment="INC-4821: robocaller posing as the tax office",
)
premium_rate = zoom.phone.BlockedNumber(
    "premium-rate",
    phone_number="+1 900",
    match_type=zoom.phone.MatchType.PREFIX,
    block_type=zoom.phone.BlockType.OUTBOUND,
    comment="CHG-2201: no premium-rate calls from company phones",
)

# The EMEA account, through its own provider.
london_spam = zoom.phone.Blocklist(
    "london-spam",
    entries=[
        zoom.phone.BlocklistEntryArgs(phone_number="+44 20 7946 0018", comment="INC-5120"),
        zoom.phone.BlocklistEntryArgs(phone_number="+44 20 7946 0019", status=zoom.phone.Status.INACTIVE),
    ],
    opts=pulumi.ResourceOptions(provider=emea),
)

pulumi.export("robocaller", robocaller.id)
pulumi.export("london", london_spam.ids)
