// Package zoomtest holds the Go tests of the zoom provider, run by `go test` from `make test`:
//
//   - mocks_test.go: Go programs on the generated SDK (sdk/go/zoom) under Pulumi's mocks, with no engine at all;
//   - lifecycle_test.go: one Go program through the real Pulumi CLI and the native plugin against the emulator, by
//     the Go Automation API as an inline program (the engine connects to it with --client: no Go language host);
//   - samples_test.go: every Go program of README.md and docs/, compiled, and each run the same way;
//   - template_test.go and automation_test.go: templates/zoom-go and examples/automation-go built as their users
//     build them, then run against the emulator.
//
// The end-to-end tests need the Pulumi CLI (scripts/pulumi-tools.sh, make cli) and the clone's .venv (make setup)
// for the plugin and the emulator. Where either is missing they skip with the reason, unless
// ZOOM_BLOCKLIST_REQUIRE_CLI is set (CI), where they fail.
package zoomtest
