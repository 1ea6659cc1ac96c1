// The numbers and prefixes a Zoom Phone account blocks, with the native zoom provider.
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
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/zoom-blocklist-provider/zoom-blocklist-provider/sdk/go/zoom/phone"
)

func main() {
	pulumi.Run(program)
}

// program declares the blocked entries. It is a function of its own so that a tool of yours can run it through
// Pulumi's Automation API as well (auto.UpsertStackInlineSource), as this template's own test does.
func program(ctx *pulumi.Context) error {
	// Inbound: calls from this number never reach your users.
	robocaller, err := phone.NewBlockedNumber(ctx, "robocaller", &phone.BlockedNumberArgs{
		PhoneNumber: pulumi.String("+1 (907) 555-0100"),
		Comment:     pulumi.String("INC-4821: robocaller posing as the tax office"),
	})
	if err != nil {
		return err
	}
	// Many entries as one resource: one entry of Zoom's list each, updated in place.
	_, err = phone.NewBlocklist(ctx, "night-lines", &phone.BlocklistArgs{
		Entries: phone.BlocklistEntryArray{
			phone.BlocklistEntryArgs{
				PhoneNumber: pulumi.String("(907) 555-0102"),
				Country:     pulumi.String("US"),
				Comment:     pulumi.String("INC-5012: fax tones every night at 2am"),
			},
			phone.BlocklistEntryArgs{
				PhoneNumber: pulumi.String("+1 900"),
				MatchType:   phone.MatchTypePrefix,
				BlockType:   phone.BlockTypeOutbound,
				Comment:     pulumi.String("CHG-2201: no premium-rate calls from company phones"),
			},
		},
	})
	if err != nil {
		return err
	}
	ctx.Export("robocallerId", robocaller.ID())
	ctx.Export("robocallerNumber", robocaller.PhoneNumber)
	return nil
}
