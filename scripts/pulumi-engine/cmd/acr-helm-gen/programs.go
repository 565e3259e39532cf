package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// programGenerators are Pulumi's program generators, the ones `pulumi convert` reaches through each language host.
var programGenerators = map[string]func(*pcl.Program) (map[string][]byte, hcl.Diagnostics, error){
	"nodejs": nodejsgen.GenerateProgram,
	"python": pythongen.GenerateProgram,
	"go":     gogen.GenerateProgram,
}

// generatePrograms writes each PCL program <name>.pp in dir as a TypeScript, Python and Go program:
// <out>/<name>/<language>/<files>.
func generatePrograms(dir, out string, loader schema.ReferenceLoader) error {
	programs, err := filepath.Glob(filepath.Join(dir, "*.pp"))
	if err != nil {
		return err
	}
	sort.Strings(programs)
	for _, file := range programs {
		program, err := bindProgram(file, loader)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		name := strings.TrimSuffix(filepath.Base(file), ".pp")
		for language, generate := range programGenerators {
			files, diags, err := generate(program)
			if err != nil {
				return fmt.Errorf("%s: %s: %w", file, language, err)
			}
			if diags.HasErrors() {
				return fmt.Errorf("%s: %s: %w", file, language, diags)
			}
			if err := write(filepath.Join(out, name, language), files); err != nil {
				return err
			}
		}
	}
	fmt.Printf("programs: %d written in TypeScript, Python and Go under %s\n", len(programs), out)
	return nil
}

func bindProgram(file string, loader schema.ReferenceLoader) (*pcl.Program, error) {
	text, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	parser := syntax.NewParser()
	if err := parser.ParseFile(strings.NewReader(string(text)), filepath.Base(file)); err != nil {
		return nil, err
	}
	if parser.Diagnostics.HasErrors() {
		return nil, parser.Diagnostics
	}
	program, diags, err := pcl.BindProgram(parser.Files, loader)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return program, nil
}
