package zoomtest

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/zoom-blocklist-provider/zoom-blocklist-provider/sdk/go/zoom/phone"
	"zoom-blocklist-provider/tests/go/harness"
)

// declared is what the lifecycle's program declares at a step: one BlockedNumber, a Blocklist, and an entry of
// the portal's imported by its id.
type declared struct {
	comment   string
	blockType phone.BlockType
	importID  string // empty: no imported entry
	badNumber string // empty: no entry with a typo
}

func (d *declared) program(ctx *pulumi.Context) error {
	robocaller, err := phone.NewBlockedNumber(ctx, "robocaller", &phone.BlockedNumberArgs{
		PhoneNumber: pulumi.String("+1 (907) 555-0100"),
		BlockType:   d.blockType,
		Comment:     pulumi.String(d.comment),
	})
	if err != nil {
		return err
	}
	ctx.Export("robocallerNumber", robocaller.PhoneNumber)
	_, err = phone.NewBlocklist(ctx, "spam", &phone.BlocklistArgs{Entries: phone.BlocklistEntryArray{
		phone.BlocklistEntryArgs{PhoneNumber: pulumi.String("+1 907 555 0101"), Comment: pulumi.String("INC-4907")},
		phone.BlocklistEntryArgs{PhoneNumber: pulumi.String("+1 900"), MatchType: phone.MatchTypePrefix,
			BlockType: phone.BlockTypeOutbound},
	}})
	if err != nil {
		return err
	}
	if d.importID != "" {
		_, err = phone.NewBlockedNumber(ctx, "portal", &phone.BlockedNumberArgs{
			PhoneNumber: pulumi.String("+1 907 555 0177"),
			Comment:     pulumi.String("added in the portal"),
		}, pulumi.Import(pulumi.ID(d.importID)))
		if err != nil {
			return err
		}
	}
	if d.badNumber != "" {
		_, err = phone.NewBlockedNumber(ctx, "typo", &phone.BlockedNumberArgs{PhoneNumber: pulumi.String(d.badNumber)})
	}
	return err
}

// TestAutomationLifecycle runs one Go program through the real CLI, step by step on one stack: each step is what a
// user does next, and says what it must have cost in Zoom calls.
func TestAutomationLifecycle(t *testing.T) {
	harness.NeedCLI(t)
	t.Parallel() // each has its own emulator, stack and folders
	ctx := context.Background()
	emu := harness.StartEmulator(t)
	program := &declared{comment: "INC-4411", blockType: phone.BlockTypeInbound}
	stack := harness.InlineStack(t, emu, "zoom-go", program.program)
	ids := func() map[string]string {
		found := map[string]string{}
		for name, r := range harness.Resources(t, stack, "zoom:phone:BlockedNumber") {
			found[name] = r.ID
		}
		return found
	}
	var robocaller string

	steps := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"preview plans every create and calls nothing", func(t *testing.T) {
			previewed, err := stack.Preview(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := map[apitype.OpType]int{apitype.OpCreate: 3}
			if !reflect.DeepEqual(previewed.ChangeSummary, want) {
				t.Errorf("planned %v, want %v", previewed.ChangeSummary, want)
			}
			if got := emu.Requests(t); len(got) != 0 {
				t.Errorf("preview called Zoom: %v", got)
			}
		}},
		{"up creates each entry under the id the state records", func(t *testing.T) {
			up, err := stack.Up(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got := up.Outputs["robocallerNumber"].Value; got != "+19075550100" {
				t.Errorf("robocallerNumber is %v, want the E.164 form", got)
			}
			inZoom := emu.Entries(t)
			robocaller = ids()["robocaller"]
			spam := harness.Resources(t, stack, "zoom:phone:Blocklist")["spam"].Outputs["ids"].(map[string]any)
			recorded := []string{robocaller}
			for _, id := range spam {
				recorded = append(recorded, id.(string))
			}
			if len(inZoom) != 3 || !allIn(recorded, inZoom) {
				t.Errorf("the state records %v; Zoom holds %v", recorded, inZoom)
			}
			if got := countMethods(emu.Calls(t)); !reflect.DeepEqual(got, map[string]int{"POST": 3}) {
				t.Errorf("up made %v", got)
			}
		}},
		{"a new comment is one PATCH and the entry keeps its id", func(t *testing.T) {
			emu.ClearLog(t)
			program.comment = "INC-4411, INC-4502"
			up(t, ctx, stack, map[string]int{"update": 1, "same": 2})
			want := []string{"PATCH /v2/phone/blocked_list/" + robocaller}
			if got := emu.Calls(t); !slices.Equal(got, want) {
				t.Errorf("the update made %v, want %v", got, want)
			}
			if got := emu.Entries(t)[robocaller].Comment; got != "INC-4411, INC-4502" {
				t.Errorf("Zoom's comment is %q", got)
			}
		}},
		{"a move to threat deletes the entry, then creates it anew", func(t *testing.T) {
			emu.ClearLog(t)
			program.blockType = phone.BlockTypeThreat
			up(t, ctx, stack, map[string]int{"replace": 1, "same": 2})
			replaced := ids()["robocaller"]
			want := []string{"DELETE /v2/phone/blocked_list/" + robocaller, "POST /v2/phone/blocked_list"}
			if got := emu.Calls(t); !slices.Equal(got, want) || replaced == robocaller {
				t.Errorf("the replacement made %v (want %v), id %s then %s", got, want, robocaller, replaced)
			}
			if got := emu.Entries(t)[replaced].BlockType; got != "threat" {
				t.Errorf("Zoom's block type is %q", got)
			}
		}},
		{"an entry made in the portal is imported by its id, read with one list call", func(t *testing.T) {
			program.importID = emu.AddEntry(t, map[string]string{"phone_number": "+19075550177", "comment": "added in the portal"})
			emu.ClearLog(t)
			up(t, ctx, stack, map[string]int{"import": 1, "same": 3})
			want := []string{"GET /v2/phone/blocked_list"}
			if got := emu.Calls(t); !slices.Equal(got, want) || ids()["portal"] != program.importID {
				t.Errorf("the import made %v (want %v) and recorded %v", got, want, ids())
			}
		}},
		{"a bad number fails preview on one line and nothing is created", func(t *testing.T) {
			emu.ClearLog(t)
			program.badNumber = "+1 907 555"
			_, err := stack.Preview(ctx)
			if err == nil {
				t.Fatal("preview passed")
			}
			want := []string{"error: zoom:phone:BlockedNumber resource 'typo': property phoneNumber value {+1 907 555} " +
				"has a problem: phoneNumber: '+1 907 555' is too short for a phone number in US; write it in E.164 like " +
				"+19075550100, or set matchType to 'prefix' to block every number starting with it"}
			if got := cliErrors(err.Error()); !slices.Equal(got, want) {
				t.Errorf("preview failed with %q, want %q", got, want)
			}
			if got := emu.Requests(t); len(got) != 0 {
				t.Errorf("preview called Zoom: %v", got)
			}
			if _, made := ids()["typo"]; made {
				t.Error("the state holds the bad entry")
			}
			program.badNumber = ""
		}},
		{"no file of the backend holds the client secret", func(t *testing.T) {
			backend := strings.TrimPrefix(stack.Workspace().GetEnvVars()["PULUMI_BACKEND_URL"], "file://")
			read := 0
			err := filepath.WalkDir(backend, func(path string, file fs.DirEntry, err error) error {
				if err != nil || file.IsDir() {
					return err
				}
				text, err := os.ReadFile(path)
				read++
				if err == nil && strings.Contains(string(text), harness.ClientSecret) {
					t.Errorf("%s holds the client secret", path)
				}
				return err
			})
			if err != nil || read == 0 {
				t.Fatalf("read %d files of %s: %v", read, backend, err)
			}
		}},
		{"destroy unblocks every entry", func(t *testing.T) {
			emu.ClearLog(t)
			if _, err := stack.Destroy(ctx); err != nil {
				t.Fatal(err)
			}
			if got := countMethods(emu.Calls(t)); !reflect.DeepEqual(got, map[string]int{"DELETE": 4}) {
				t.Errorf("destroy made %v", got)
			}
			if left := emu.Entries(t); len(left) != 0 {
				t.Errorf("Zoom still blocks %v", left)
			}
		}},
	}
	for _, step := range steps {
		if !t.Run(step.name, step.run) {
			return // each step stands on the one before it
		}
	}
}

// up runs `pulumi up` of the stack and checks what it did to each resource, the stack itself included.
func up(t *testing.T, ctx context.Context, stack auto.Stack, want map[string]int) {
	t.Helper()
	done, err := stack.Up(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := *done.Summary.ResourceChanges; !reflect.DeepEqual(got, want) {
		t.Errorf("up did %v, want %v", got, want)
	}
}

// cliErrors is each distinct error the CLI printed (on stdout or stderr: the Automation API's error holds both), from
// "error: " to the end of its line.
func cliErrors(output string) []string {
	found := []string{}
	for _, line := range strings.Split(output, "\n") {
		if _, message, ok := strings.Cut(line, "error: "); ok && !slices.Contains(found, "error: "+message) {
			found = append(found, "error: "+message)
		}
	}
	return found
}

func countMethods(calls []string) map[string]int {
	counted := map[string]int{}
	for _, call := range calls {
		counted[strings.Fields(call)[0]]++
	}
	return counted
}

func allIn(ids []string, inZoom map[string]harness.Entry) bool {
	for _, id := range ids {
		if _, ok := inZoom[id]; !ok {
			return false
		}
	}
	return true
}
