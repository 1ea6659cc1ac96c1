// The numbers and prefixes two Zoom accounts block, in TypeScript, with the native `zoom` provider.
//
// The default provider reads the stack's zoom:* config (and the ZOOM_* environment); the `emea` provider its own
// arguments, here from this project's config (emea:accountId, ..., emea:clientSecret set with --secret). This
// program must never hold a credential.
import * as pulumi from "@pulumi/pulumi";
import * as zoom from "@zoom-blocklist-provider/zoom";

const emeaConfig = new pulumi.Config("emea");
const emea = new zoom.Provider("emea", {
    accountId: emeaConfig.require("accountId"),
    clientId: emeaConfig.require("clientId"),
    clientSecret: emeaConfig.requireSecret("clientSecret"),
    apiUrl: emeaConfig.get("apiUrl"),
    oauthUrl: emeaConfig.get("oauthUrl"),
});

// Inbound: calls from these numbers never reach our users.
const robocaller = new zoom.phone.BlockedNumber("robocaller", {
    phoneNumber: "+1 (907) 555-0100",
    comment: "INC-4821: robocaller posing as the tax office",
});
new zoom.phone.BlockedNumber("spoofed-helpdesk", {
    phoneNumber: "1-907-555-0101",
    comment: "INC-4907: spoofs our helpdesk caller id",
});
// Outbound: our users cannot call these; a prefix blocks every number that starts with it.
new zoom.phone.BlockedNumber("premium-rate", {
    phoneNumber: "+1 900",
    matchType: zoom.phone.MatchType.Prefix,
    blockType: zoom.phone.BlockType.Outbound,
    comment: "CHG-2201: no premium-rate calls from company phones",
});
// Inactive keeps the entry in Zoom while letting calls through.
new zoom.phone.BlockedNumber("old-vendor", {
    phoneNumber: "+44 20 7946 0000",
    blockType: "outbound",
    status: "inactive",
    comment: "CHG-2240: block lifted while the contract is renegotiated",
});
// Many entries as one resource.
new zoom.phone.Blocklist("night-lines", {
    entries: [
        { phoneNumber: "(907) 555-0102", country: "US", comment: "INC-5012: fax tones every night at 2am" },
        { phoneNumber: "+61 2 9876 5432", blockType: "threat" },
    ],
});

// The EMEA account, through its own provider.
const london = new zoom.phone.BlockedNumber(
    "london-spam",
    { phoneNumber: "+44 20 7946 0018", comment: "INC-5120" },
    { provider: emea },
);

export const robocallerId = robocaller.id;
export const robocallerNumber = robocaller.phoneNumber;
export const londonId = london.id;
