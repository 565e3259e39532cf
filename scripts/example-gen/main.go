// Command acr-helm-examples converts Pulumi YAML programs into PCL, Pulumi's program language, with pulumi-yaml's
// own converter (the first half of `pulumi convert --from yaml`); acr-helm-gen -programs does the second half, PCL
// to TypeScript, Python and Go with the program generators of the CLI's pulumi/pkg.
//
//	acr-helm-examples -schema provider/schema.json -package kubernetes=<schema.json> -in examples/reference -out DIR
//
// Each <name>.yaml in -in becomes <out>/<name>.pp. Packages are served from schema files, so no provider plugin
// runs. Its own module: pulumi-yaml pins the pulumi/pkg whose converter API it was written for.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-yaml/pkg/pulumiyaml"
	yamlcodegen "github.com/pulumi/pulumi-yaml/pkg/pulumiyaml/codegen"
)

type schemaFlags map[string]string

func (s schemaFlags) String() string { return fmt.Sprint(map[string]string(s)) }

func (s schemaFlags) Set(value string) error {
	name, file, ok := strings.Cut(value, "=")
	if !ok || name == "" || file == "" {
		return fmt.Errorf("want NAME=SCHEMA_FILE, got %q", value)
	}
	s[name] = file
	return nil
}

func convert(file, out string, loader *schemaFileLoader) error {
	text, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	template, diags, err := pulumiyaml.LoadYAMLBytes(file, text)
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	program, pdiags, err := yamlcodegen.ConvertTemplateIL(template, loader)
	if err != nil {
		return err
	}
	if pdiags.HasErrors() {
		return pdiags
	}
	return os.WriteFile(out, []byte(program), 0o644)
}

func run() error {
	schemas := schemaFlags{}
	own := flag.String("schema", "", "the package's schema (JSON)")
	flag.Var(schemas, "package", "NAME=SCHEMA_FILE: a package the programs or the schema refer to (repeatable)")
	in := flag.String("in", "", "the directory of Pulumi YAML programs")
	out := flag.String("out", "", "the directory that receives <name>.pp (emptied first)")
	flag.Parse()
	if *own == "" || *in == "" || *out == "" {
		flag.Usage()
		return fmt.Errorf("-schema, -in and -out are required")
	}
	schemas["acr-helm"] = *own
	loader := newSchemaFileLoader(schemas)
	programs, err := filepath.Glob(filepath.Join(*in, "*.yaml"))
	if err != nil {
		return err
	}
	sort.Strings(programs)
	if err := os.RemoveAll(*out); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	for _, file := range programs {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		if err := convert(file, filepath.Join(*out, name+".pp"), loader); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
	}
	fmt.Printf("%d programs converted to PCL in %s\n", len(programs), *out)
	return nil
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "acr-helm-examples:", err)
		os.Exit(1)
	}
}
