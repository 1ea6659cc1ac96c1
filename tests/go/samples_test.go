package zoomtest

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"zoom-blocklist-provider/tests/go/harness"
)

// sample is one fenced Go block of README.md or docs/, found by tests/docs_samples.py's rules: the line before the
// fence may say `<!-- not run: why -->` or `<!-- checked by: test -->`, and then this test leaves it alone.
type sample struct {
	id   string // page:line of its opening fence
	text string
}

var (
	fence  = regexp.MustCompile("^```(\\S*)\\s*$")
	marked = regexp.MustCompile(`^<!--\s*(not run|checked by)\b`)
)

func goSamples(t *testing.T) []sample {
	t.Helper()
	pages := []string{filepath.Join(harness.Repo, "README.md")}
	err := filepath.WalkDir(filepath.Join(harness.Repo, "docs"), func(path string, file fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".md") {
			pages = append(pages, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var found []sample
	for _, page := range pages {
		text, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(text), "\n")
		for at := 0; at < len(lines); at++ {
			opening := fence.FindStringSubmatch(lines[at])
			if opening == nil {
				continue
			}
			end := at + 1
			for end < len(lines) && strings.TrimRight(lines[end], " ") != "```" {
				end++
			}
			if opening[1] == "go" && (at == 0 || !marked.MatchString(lines[at-1])) {
				relative, _ := filepath.Rel(harness.Repo, page)
				found = append(found, sample{fmt.Sprintf("%s:%d", relative, at+1), strings.Join(lines[at+1:end], "\n") + "\n"})
			}
			at = end
		}
	}
	return found
}

// programOf is a sample's program as a package of its own: `main`, which must be `pulumi.Run(func...)` and nothing
// else, becomes `var Program = func...`, for the Automation API to run where there is no Go language host.
func programOf(source, pkg string) ([]byte, error) {
	files := token.NewFileSet()
	file, err := parser.ParseFile(files, "main.go", source, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	for i, decl := range file.Decls {
		if main, ok := decl.(*ast.FuncDecl); ok && main.Name.Name == "main" {
			run, ok := runCall(main)
			if !ok {
				return nil, errors.New("its main is not one pulumi.Run(func(ctx *pulumi.Context) error {...}) call")
			}
			program := &ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent("Program")}, Values: []ast.Expr{run}}
			file.Decls[i] = &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{program}}
		}
	}
	file.Name = ast.NewIdent(pkg)
	var out bytes.Buffer
	err = format.Node(&out, files, file)
	return out.Bytes(), err
}

func runCall(main *ast.FuncDecl) (*ast.FuncLit, bool) {
	if len(main.Body.List) != 1 {
		return nil, false
	}
	statement, ok := main.Body.List[0].(*ast.ExprStmt)
	if !ok {
		return nil, false
	}
	call, ok := statement.X.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return nil, false
	}
	callee, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || callee.Sel.Name != "Run" || fmt.Sprint(callee.X) != "pulumi" {
		return nil, false
	}
	program, ok := call.Args[0].(*ast.FuncLit)
	return program, ok
}

// TestDocsGoSamplesCompileAndApply builds every Go sample of the docs as it is written (`go vet`), then runs each
// one's program through the real CLI against an emulator of its own, in a module of the samples next to this one.
func TestDocsGoSamplesCompileAndApply(t *testing.T) {
	harness.NeedCLI(t)
	t.Parallel() // each has its own emulator, stack and folders
	samples := goSamples(t)
	if len(samples) < 5 {
		t.Fatalf("found %d Go samples in README.md and docs/", len(samples))
	}
	module := t.TempDir()
	write := func(name string, text []byte) {
		path := filepath.Join(module, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, text, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ours, err := os.ReadFile(filepath.Join(harness.Repo, "tests", "go", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	sums, err := os.ReadFile(filepath.Join(harness.Repo, "tests", "go", "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	// This module's requirements, its SDK from the checkout, and this module itself for the harness.
	gomod := strings.Replace(string(ours), "module zoom-blocklist-provider/tests/go", "module samples", 1)
	gomod = strings.ReplaceAll(gomod, "=> ../../sdk", "=> "+filepath.Join(harness.Repo, "sdk"))
	gomod += "\nrequire zoom-blocklist-provider/tests/go v0.0.0\n\nreplace zoom-blocklist-provider/tests/go => " +
		filepath.Join(harness.Repo, "tests", "go") + "\n"
	write("go.mod", []byte(gomod))
	write("go.sum", sums)
	var table, imports strings.Builder
	for i, s := range samples {
		pkg := fmt.Sprintf("s%d", i)
		write(filepath.Join("vet", pkg, "main.go"), []byte(s.text))
		program, err := programOf(s.text, pkg)
		if err != nil {
			t.Fatalf("%s: %v", s.id, err)
		}
		write(filepath.Join("run", pkg, "program.go"), program)
		fmt.Fprintf(&imports, "\t%q\n", "samples/run/"+pkg)
		fmt.Fprintf(&table, "\t{%q, %s.Program},\n", s.id, pkg)
	}
	write(filepath.Join("run", "run_test.go"), []byte(`package run

import (
	"testing"

	"zoom-blocklist-provider/tests/go/harness"
`+imports.String()+`)

func TestSamplesApply(t *testing.T) {
	harness.NeedCLI(t)
	harness.ApplySamples(t, []harness.Sample{
`+table.String()+`	})
}
`))
	goCommand := func(args ...string) {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = module
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
		if out, err := cmd.CombinedOutput(); err != nil {
			names := []string{}
			for i, s := range samples {
				names = append(names, fmt.Sprintf("s%d is %s", i, s.id))
			}
			t.Fatalf("go %s: %v\n%s\n(%s)", strings.Join(args, " "), err, out, strings.Join(names, ", "))
		}
	}
	goCommand("vet", "./vet/...")
	goCommand("test", "-count=1", "./run/...")
}
