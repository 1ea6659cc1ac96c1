// The numbers and prefixes a Zoom Phone account blocks, with the native `zoom` provider.
//
// The provider reads the stack's zoom:* config (zoom:clientSecret set as a secret) or the ZOOM_* environment: this
// program must never hold a credential. Numbers may be written as people write them; each is stored and compared in
// E.164, so a re-run never shows a false change.
//
// Large stacks: in a stack that holds zoom resources only, `PULUMI_SKIP_CHECKPOINTS=true PULUMI_EXPERIMENTAL=true`
// applies 1,000 BlockedNumbers in 1.1x to 1.2x the time Zoom's rate limit allows instead of 3.4x (the file backend
// rewrites the whole state after every step), and after an interrupted run, one `ZOOM_ADOPT_IDENTICAL=true pulumi up`
// takes back what it created (nothing else records it). Never skip checkpoints in a stack that also holds another
// provider's resources: their unrecorded creates would be orphaned. A Blocklist of 1,000 entries takes 1.1x with
// checkpoints kept.
import * as zoom from "@zoom-blocklist-provider/zoom";

// Inbound: calls from this number never reach your users.
const robocaller = new zoom.phone.BlockedNumber("robocaller", {
    phoneNumber: "+1 (907) 555-0100",
    comment: "INC-4821: robocaller posing as the tax office",
});

// Many entries as one resource: one entry of Zoom's list each, updated in place.
new zoom.phone.Blocklist("night-lines", {
    entries: [
        { phoneNumber: "(907) 555-0102", country: "US", comment: "INC-5012: fax tones every night at 2am" },
        {
            phoneNumber: "+1 900",
            matchType: zoom.phone.MatchType.Prefix,
            blockType: zoom.phone.BlockType.Outbound,
            comment: "CHG-2201: no premium-rate calls from company phones",
        },
    ],
});

export const robocallerId = robocaller.id;
export const robocallerNumber = robocaller.phoneNumber;
