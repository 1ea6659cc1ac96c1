package zoomtest

import (
	"reflect"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/zoom-blocklist-provider/zoom-blocklist-provider/sdk/go/zoom"
	"github.com/zoom-blocklist-provider/zoom-blocklist-provider/sdk/go/zoom/phone"
	"zoom-blocklist-provider/tests/go/harness"
)

// registered is what a program under the mocks registered: each resource's request, by name.
type registered struct {
	sync.Mutex
	byName map[string]pulumi.MockResourceArgs
}

func (r *registered) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	r.Lock()
	defer r.Unlock()
	r.byName[args.Name] = args
	return args.Name + "-id", args.Inputs, nil
}

func (r *registered) Call(pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

// underMocks runs program under Pulumi's mocks, with no engine, and returns what it registered.
func underMocks(t *testing.T, program pulumi.RunFunc) map[string]pulumi.MockResourceArgs {
	t.Helper()
	mocks := &registered{byName: map[string]pulumi.MockResourceArgs{}}
	if err := pulumi.RunErr(program, pulumi.WithMocks("blocklist", "dev", mocks)); err != nil {
		t.Fatal(err)
	}
	return mocks.byName
}

func TestMocksInputsReachTheProviderAsDeclared(t *testing.T) {
	tests := []struct {
		name string
		args *phone.BlockedNumberArgs
		want resource.PropertyMap
	}{
		{
			name: "a number as people write it, defaults left to the plugin",
			args: &phone.BlockedNumberArgs{PhoneNumber: pulumi.String("+1 (907) 555-0100")},
			want: resource.PropertyMap{"phoneNumber": resource.NewStringProperty("+1 (907) 555-0100")},
		},
		{
			name: "a prefix blocked outbound with a comment",
			args: &phone.BlockedNumberArgs{
				PhoneNumber: pulumi.String("+1 900"),
				MatchType:   phone.MatchTypePrefix,
				BlockType:   phone.BlockTypeOutbound,
				Comment:     pulumi.String("CHG-2201"),
			},
			want: resource.PropertyMap{
				"phoneNumber": resource.NewStringProperty("+1 900"),
				"matchType":   resource.NewStringProperty("prefix"),
				"blockType":   resource.NewStringProperty("outbound"),
				"comment":     resource.NewStringProperty("CHG-2201"),
			},
		},
		{
			name: "a threat, inactive, adopted, allowed to be an emergency number",
			args: &phone.BlockedNumberArgs{
				PhoneNumber:    pulumi.String("911"),
				Country:        pulumi.String("US"),
				BlockType:      phone.BlockTypeThreat,
				Status:         phone.StatusInactive,
				Adopt:          pulumi.Bool(true),
				AllowEmergency: pulumi.Bool(true),
			},
			want: resource.PropertyMap{
				"phoneNumber":    resource.NewStringProperty("911"),
				"country":        resource.NewStringProperty("US"),
				"blockType":      resource.NewStringProperty("threat"),
				"status":         resource.NewStringProperty("inactive"),
				"adopt":          resource.NewBoolProperty(true),
				"allowEmergency": resource.NewBoolProperty(true),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := underMocks(t, func(ctx *pulumi.Context) error {
				_, err := phone.NewBlockedNumber(ctx, "entry", tt.args)
				return err
			})
			if entry := got["entry"]; entry.TypeToken != "zoom:phone:BlockedNumber" || !entry.Inputs.DeepEquals(tt.want) {
				t.Errorf("registered %s %v, want zoom:phone:BlockedNumber %v", entry.TypeToken, entry.Inputs, tt.want)
			}
		})
	}
}

func TestMocksABlocklistSendsItsEntriesInOrder(t *testing.T) {
	got := underMocks(t, func(ctx *pulumi.Context) error {
		_, err := phone.NewBlocklist(ctx, "spam", &phone.BlocklistArgs{Entries: phone.BlocklistEntryArray{
			phone.BlocklistEntryArgs{PhoneNumber: pulumi.String("+1 907 555 0101")},
			phone.BlocklistEntryArgs{PhoneNumber: pulumi.String("+1 900"), MatchType: phone.MatchTypePrefix},
		}})
		return err
	})
	want := resource.NewPropertyValue(map[string]any{"entries": []any{
		map[string]any{"phoneNumber": "+1 907 555 0101"},
		map[string]any{"phoneNumber": "+1 900", "matchType": "prefix"},
	}}).ObjectValue()
	if spam := got["spam"]; spam.TypeToken != "zoom:phone:Blocklist" || !spam.Inputs.DeepEquals(want) {
		t.Errorf("registered %s %v, want zoom:phone:Blocklist %v", spam.TypeToken, spam.Inputs, want)
	}
}

func TestMocksEnumsAreTypedSoAPlainStringDoesNotCompile(t *testing.T) {
	tests := []struct {
		field string
		enum  any
	}{
		{"MatchType", phone.MatchTypePrefix},
		{"BlockType", phone.BlockTypeThreat},
		{"Status", phone.StatusInactive},
	}
	args := reflect.TypeOf(phone.BlockedNumberArgs{})
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			field, _ := args.FieldByName(tt.field)
			if !reflect.TypeOf(tt.enum).Implements(field.Type) {
				t.Errorf("%T is not a %s", tt.enum, field.Type)
			}
			if reflect.TypeOf(pulumi.String("inbound")).Implements(field.Type) {
				t.Errorf("a pulumi.String is accepted as %s", field.Type)
			}
		})
	}
}

func TestMocksTheClientSecretReachesTheEngineAsASecret(t *testing.T) {
	got := underMocks(t, func(ctx *pulumi.Context) error {
		_, err := zoom.NewProvider(ctx, "emea", &zoom.ProviderArgs{
			AccountId:    pulumi.String("emea-account"),
			ClientSecret: pulumi.String("a plain string in the program"),
		})
		return err
	})
	inputs := got["emea"].Inputs
	if got["emea"].TypeToken != "pulumi:providers:zoom" || inputs["accountId"].IsSecret() {
		t.Errorf("registered %s with accountId %v", got["emea"].TypeToken, inputs["accountId"])
	}
	secret := inputs["clientSecret"]
	if !secret.IsSecret() || secret.SecretValue().Element.StringValue() != "a plain string in the program" {
		t.Errorf("clientSecret registered as %v, not as a secret", secret)
	}
}

func TestMocksEveryResourceNamesThePluginsVersionAndReleaseLocation(t *testing.T) {
	got := underMocks(t, func(ctx *pulumi.Context) error {
		if _, err := zoom.NewProvider(ctx, "emea", nil); err != nil {
			return err
		}
		_, err := phone.NewBlockedNumber(ctx, "robocaller", &phone.BlockedNumberArgs{PhoneNumber: pulumi.String("+19075550100")})
		return err
	})
	location := "https://github.com/zoom-blocklist-provider/zoom-blocklist-provider/releases/download/v${VERSION}"
	for _, name := range []string{"emea", "robocaller"} {
		request := got[name].RegisterRPC
		if request.GetVersion() != harness.Version || request.GetPluginDownloadURL() != location {
			t.Errorf("%s registers with version %q from %q", name, request.GetVersion(), request.GetPluginDownloadURL())
		}
	}
}
