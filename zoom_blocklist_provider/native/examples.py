"""The example each resource's schema description carries, in TypeScript, Python, Go and YAML, in the
`{{% examples %}}` form Pulumi's generators and the registry read: the SDKs' doc comments show the language's own
block, and docs/api/ shows all four. Every block is a whole program, run through the pages docs/api/ is generated
into by tests/programs/test_docs_samples.py, tests/cli_e2e/test_docs_samples_cli.py and, for Go,
tests/go/samples_test.go.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    """One example: its title and the same program in each language."""

    title: str
    typescript: str
    python: str
    go: str
    yaml: str

    def markdown(self) -> str:
        return (
            f"{{{{% example %}}}}\n### {self.title}\n\n"
            f"```typescript\n{self.typescript}```\n"
            f"```python\n{self.python}```\n"
            f"```go\n{self.go}```\n"
            f"```yaml\n{self.yaml}```\n"
            "{{% /example %}}\n"
        )


def examples_markdown(examples: tuple[Example, ...]) -> str:
    """The examples as a schema description ends with them."""
    return (
        "{{% examples %}}\n## Example Usage\n"
        + "".join(example.markdown() for example in examples)
        + ("{{% /examples %}}")
    )


BLOCKED_NUMBER_EXAMPLES = (
    Example(
        "Block a robocaller's calls to your users",
        typescript="""\
import * as zoom from "@zoom-blocklist-provider/zoom";

const robocaller = new zoom.phone.BlockedNumber("robocaller", {
    phoneNumber: "+1 (907) 555-0100",
    comment: "INC-4411: robocaller posing as the tax office",
});

export const robocallerId = robocaller.id;
""",
        python="""\
import pulumi
import pulumi_zoom as zoom

robocaller = zoom.phone.BlockedNumber(
    "robocaller",
    phone_number="+1 (907) 555-0100",
    comment="INC-4411: robocaller posing as the tax office",
)

pulumi.export("robocallerId", robocaller.id)
""",
        go="""\
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/zoom-blocklist-provider/zoom-blocklist-provider/sdk/go/zoom/phone"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		robocaller, err := phone.NewBlockedNumber(ctx, "robocaller", &phone.BlockedNumberArgs{
			PhoneNumber: pulumi.String("+1 (907) 555-0100"),
			Comment:     pulumi.String("INC-4411: robocaller posing as the tax office"),
		})
		if err != nil {
			return err
		}
		ctx.Export("robocallerId", robocaller.ID())
		return nil
	})
}
""",
        yaml="""\
resources:
  robocaller:
    type: zoom:phone:BlockedNumber
    properties:
      phoneNumber: "+1 (907) 555-0100"
      comment: "INC-4411: robocaller posing as the tax office"
outputs:
  robocallerId: ${robocaller.id}
""",
    ),
    Example(
        "Stop your users calling premium-rate numbers",
        typescript="""\
import * as zoom from "@zoom-blocklist-provider/zoom";

new zoom.phone.BlockedNumber("premium-rate", {
    phoneNumber: "+1 900",
    matchType: "prefix",
    blockType: "outbound",
    comment: "CHG-2201: no premium-rate calls from company phones",
});
""",
        python="""\
import pulumi_zoom as zoom

zoom.phone.BlockedNumber(
    "premium-rate",
    phone_number="+1 900",
    match_type=zoom.phone.MatchType.PREFIX,
    block_type=zoom.phone.BlockType.OUTBOUND,
    comment="CHG-2201: no premium-rate calls from company phones",
)
""",
        go="""\
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/zoom-blocklist-provider/zoom-blocklist-provider/sdk/go/zoom/phone"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := phone.NewBlockedNumber(ctx, "premium-rate", &phone.BlockedNumberArgs{
			PhoneNumber: pulumi.String("+1 900"),
			MatchType:   phone.MatchTypePrefix,
			BlockType:   phone.BlockTypeOutbound,
			Comment:     pulumi.String("CHG-2201: no premium-rate calls from company phones"),
		})
		return err
	})
}
""",
        yaml="""\
resources:
  premium-rate:
    type: zoom:phone:BlockedNumber
    properties:
      phoneNumber: "+1 900"
      matchType: prefix
      blockType: outbound
      comment: "CHG-2201: no premium-rate calls from company phones"
""",
    ),
)

BLOCKLIST_EXAMPLES = (
    Example(
        "Many entries as one resource",
        typescript="""\
import * as zoom from "@zoom-blocklist-provider/zoom";

const spam = new zoom.phone.Blocklist("spam", {
    entries: [
        { phoneNumber: "+1 (907) 555-0101", comment: "INC-4907: spoofs our helpdesk caller id" },
        { phoneNumber: "(907) 555-0102", country: "US", comment: "INC-5012: fax tones every night at 2am" },
        { phoneNumber: "+44 20 7946 0000", blockType: "outbound", status: "inactive" },
    ],
});

export const spamIds = spam.ids;
""",
        python="""\
import pulumi
import pulumi_zoom as zoom

spam = zoom.phone.Blocklist(
    "spam",
    entries=[
        zoom.phone.BlocklistEntryArgs(
            phone_number="+1 (907) 555-0101", comment="INC-4907: spoofs our helpdesk caller id"
        ),
        zoom.phone.BlocklistEntryArgs(
            phone_number="(907) 555-0102", country="US", comment="INC-5012: fax tones every night at 2am"
        ),
        zoom.phone.BlocklistEntryArgs(
            phone_number="+44 20 7946 0000",
            block_type=zoom.phone.BlockType.OUTBOUND,
            status=zoom.phone.Status.INACTIVE,
        ),
    ],
)

pulumi.export("spamIds", spam.ids)
""",
        go="""\
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/zoom-blocklist-provider/zoom-blocklist-provider/sdk/go/zoom/phone"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		spam, err := phone.NewBlocklist(ctx, "spam", &phone.BlocklistArgs{
			Entries: phone.BlocklistEntryArray{
				phone.BlocklistEntryArgs{
					PhoneNumber: pulumi.String("+1 (907) 555-0101"),
					Comment:     pulumi.String("INC-4907: spoofs our helpdesk caller id"),
				},
				phone.BlocklistEntryArgs{
					PhoneNumber: pulumi.String("(907) 555-0102"),
					Country:     pulumi.String("US"),
					Comment:     pulumi.String("INC-5012: fax tones every night at 2am"),
				},
				phone.BlocklistEntryArgs{
					PhoneNumber: pulumi.String("+44 20 7946 0000"),
					BlockType:   phone.BlockTypeOutbound,
					Status:      phone.StatusInactive,
				},
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("spamIds", spam.Ids)
		return nil
	})
}
""",
        yaml="""\
resources:
  spam:
    type: zoom:phone:Blocklist
    properties:
      entries:
        - phoneNumber: "+1 (907) 555-0101"
          comment: "INC-4907: spoofs our helpdesk caller id"
        - phoneNumber: "(907) 555-0102"
          country: US
          comment: "INC-5012: fax tones every night at 2am"
        - phoneNumber: "+44 20 7946 0000"
          blockType: outbound
          status: inactive
outputs:
  spamIds: ${spam.ids}
""",
    ),
)

PROVIDER_EXAMPLES = (
    Example(
        "A second Zoom account",
        typescript="""\
import * as pulumi from "@pulumi/pulumi";
import * as zoom from "@zoom-blocklist-provider/zoom";

const emeaConfig = new pulumi.Config("emea");
const emea = new zoom.Provider("emea", {
    accountId: emeaConfig.require("accountId"),
    clientId: emeaConfig.require("clientId"),
    clientSecret: emeaConfig.requireSecret("clientSecret"),
});

new zoom.phone.BlockedNumber("london", { phoneNumber: "+44 20 7946 0018" }, { provider: emea });
""",
        python="""\
import pulumi
import pulumi_zoom as zoom

emea_config = pulumi.Config("emea")
emea = zoom.Provider(
    "emea",
    account_id=emea_config.require("accountId"),
    client_id=emea_config.require("clientId"),
    client_secret=emea_config.require_secret("clientSecret"),
)

zoom.phone.BlockedNumber("london", phone_number="+44 20 7946 0018", opts=pulumi.ResourceOptions(provider=emea))
""",
        go="""\
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"github.com/zoom-blocklist-provider/zoom-blocklist-provider/sdk/go/zoom"
	"github.com/zoom-blocklist-provider/zoom-blocklist-provider/sdk/go/zoom/phone"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		emeaConfig := config.New(ctx, "emea")
		emea, err := zoom.NewProvider(ctx, "emea", &zoom.ProviderArgs{
			AccountId:    pulumi.String(emeaConfig.Require("accountId")),
			ClientId:     pulumi.String(emeaConfig.Require("clientId")),
			ClientSecret: emeaConfig.RequireSecret("clientSecret"),
		})
		if err != nil {
			return err
		}
		_, err = phone.NewBlockedNumber(ctx, "london", &phone.BlockedNumberArgs{
			PhoneNumber: pulumi.String("+44 20 7946 0018"),
		}, pulumi.Provider(emea))
		return err
	})
}
""",
        yaml="""\
resources:
  emea:
    type: pulumi:providers:zoom
    properties:
      accountId: ${emea:accountId}
      clientId: ${emea:clientId}
      clientSecret: ${emea:clientSecret}
  london:
    type: zoom:phone:BlockedNumber
    properties:
      phoneNumber: "+44 20 7946 0018"
    options:
      provider: ${emea}
""",
    ),
)
