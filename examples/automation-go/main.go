// Command blocklist-apply is a platform team's own tool that applies a blocklist file to a Zoom account through
// Pulumi's Automation API: each line of the file becomes a zoom BlockedNumber of a program held in this binary, and
// Pulumi's engine plans, applies and records it as for any Pulumi project, with no project on disk.
//
//	blocklist-apply -file blocklist.csv [-stack dev] [-preview | -destroy]
//
// The file is a CSV with a header naming its columns, in any order: phone_number, match_type, block_type, status,
// comment, country (an empty cell leaves the field to the provider's default). The stack's state lives where
// PULUMI_BACKEND_URL says, and the zoom provider reads the account's credentials from ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID
// and ZOOM_CLIENT_SECRET: the tool holds none. `pulumi` and the zoom plugin are found as for any Pulumi command.
package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/zoom-blocklist-provider/zoom-blocklist-provider/sdk/go/zoom/phone"
)

const project = "zoom-blocklist"

func main() {
	file := flag.String("file", "", "the blocklist, a CSV file (required)")
	stackName := flag.String("stack", "dev", "the stack to apply it to, made if it does not exist")
	preview := flag.Bool("preview", false, "only show what applying it would change (no call to Zoom)")
	destroy := flag.Bool("destroy", false, "unblock every entry the stack holds")
	flag.Parse()
	if err := run(context.Background(), *file, *stackName, *preview, *destroy); err != nil {
		fmt.Fprintf(os.Stderr, "blocklist-apply: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, file, stackName string, preview, destroy bool) error {
	var entries []map[string]string
	if !destroy {
		if file == "" {
			return fmt.Errorf("-file is required: the blocklist to apply")
		}
		read, err := readBlocklist(file)
		if err != nil {
			return err
		}
		entries = read
	}
	stack, err := auto.UpsertStackInlineSource(ctx, stackName, project, program(entries))
	if err != nil {
		return fmt.Errorf("opening stack %s: %w", stackName, err)
	}
	switch {
	case destroy:
		done, err := stack.Destroy(ctx, optdestroy.ProgressStreams(os.Stdout))
		if err != nil {
			return fmt.Errorf("destroying stack %s: %w", stackName, err)
		}
		fmt.Printf("destroyed: %s\n", summary(*done.Summary.ResourceChanges))
	case preview:
		done, err := stack.Preview(ctx, optpreview.ProgressStreams(os.Stdout))
		if err != nil {
			return fmt.Errorf("previewing stack %s: %w", stackName, err)
		}
		planned := map[string]int{}
		for op, count := range done.ChangeSummary {
			planned[string(op)] = count
		}
		fmt.Printf("planned: %s\n", summary(planned))
	default:
		done, err := stack.Up(ctx, optup.ProgressStreams(os.Stdout))
		if err != nil {
			return fmt.Errorf("applying %s to stack %s: %w", file, stackName, err)
		}
		fmt.Printf("applied: %s\n", summary(*done.Summary.ResourceChanges))
	}
	return nil
}

// program declares one BlockedNumber per entry, named by what it blocks (its match type, the digits of its number
// and its block type), so that sorting, inserting or deleting lines never touches another entry.
func program(entries []map[string]string) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		for _, entry := range entries {
			args := &phone.BlockedNumberArgs{PhoneNumber: pulumi.String(entry["phone_number"])}
			if value := entry["match_type"]; value != "" {
				args.MatchType = phone.MatchType(value)
			}
			if value := entry["block_type"]; value != "" {
				args.BlockType = phone.BlockType(value)
			}
			if value := entry["status"]; value != "" {
				args.Status = phone.Status(value)
			}
			if value := entry["comment"]; value != "" {
				args.Comment = pulumi.String(value)
			}
			if value := entry["country"]; value != "" {
				args.Country = pulumi.String(value)
			}
			if _, err := phone.NewBlockedNumber(ctx, name(entry), args); err != nil {
				return err
			}
		}
		return nil
	}
}

func name(entry map[string]string) string {
	kind, blockType := "number", "inbound"
	if entry["match_type"] == "prefix" {
		kind = "prefix"
	}
	if entry["block_type"] != "" {
		blockType = entry["block_type"]
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, entry["phone_number"])
	return fmt.Sprintf("%s-%s-%s", kind, digits, blockType)
}

var columns = []string{"phone_number", "match_type", "block_type", "status", "comment", "country"}

// readBlocklist is each line of a CSV blocklist, by column name.
func readBlocklist(path string) ([]map[string]string, error) {
	opened, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the blocklist: %w", err)
	}
	defer opened.Close()
	lines := csv.NewReader(opened)
	header, err := lines.Read()
	if err != nil {
		return nil, fmt.Errorf("reading the blocklist %s: no header line naming its columns (%v)", path, err)
	}
	for _, column := range header {
		if !slices.Contains(columns, column) {
			return nil, fmt.Errorf("reading the blocklist %s: unknown column %q; the columns are %s", path, column,
				strings.Join(columns, ", "))
		}
	}
	var entries []map[string]string
	for {
		cells, err := lines.Read()
		if err == io.EOF {
			return entries, nil
		}
		if err != nil {
			return nil, fmt.Errorf("reading the blocklist %s: %w", path, err)
		}
		entry := map[string]string{}
		for i, column := range header {
			entry[column] = strings.TrimSpace(cells[i])
		}
		entries = append(entries, entry)
	}
}

// summary is what an operation did, e.g. "2 create, 1 update, 3 same", in a fixed order.
func summary(changes map[string]int) string {
	var parts []string
	for _, op := range []string{"create", "update", "replace", "delete", "same"} {
		if count := changes[op]; count > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count, op))
		}
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}
