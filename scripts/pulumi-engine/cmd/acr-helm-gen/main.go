// Command acr-helm-gen writes the SDKs of a Pulumi package from its schema with Pulumi's own code
// generators (the ones `pulumi package gen-sdk` reaches through each language host):
//
//	acr-helm-gen -schema provider/schema.json -out sdk -package kubernetes=<kubernetes schema.json> [-language python,go,nodejs]
//
// With -programs DIR it writes each PCL program in DIR (<name>.pp) as a TypeScript, Python and Go program under
// -out instead: the second half of `pulumi convert`.
//
// Every package that the schema refers to (`/kubernetes/v4.34.2/schema.json#/provider`) is served
// from the schema file named by -package instead of from a running provider plugin. Each language
// is written to <out>/<language>, which is emptied first.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/blang/semver"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// The name written into the header of each generated file.
const tool = "acr-helm-gen"

type packageFlags map[string]string

func (p packageFlags) String() string { return fmt.Sprint(map[string]string(p)) }

func (p packageFlags) Set(value string) error {
	name, file, ok := strings.Cut(value, "=")
	if !ok || name == "" || file == "" {
		return fmt.Errorf("want NAME=SCHEMA_FILE, got %q", value)
	}
	p[name] = file
	return nil
}

// fileLoader serves referenced packages from schema files. A schema without a version (as the
// kubernetes provider's source tree keeps it) takes the version it is referenced with, which is
// what the provider plugin stamps into the schema it reports.
type fileLoader struct {
	files map[string]string

	mu   sync.Mutex
	refs map[string]schema.PackageReference
}

var _ schema.ReferenceLoader = (*fileLoader)(nil)

func (l *fileLoader) LoadPackage(name string, version *semver.Version) (*schema.Package, error) {
	return l.LoadPackageV2(context.Background(), &schema.PackageDescriptor{Name: name, Version: version})
}

func (l *fileLoader) LoadPackageV2(ctx context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	ref, err := l.LoadPackageReferenceV2(ctx, d)
	if err != nil {
		return nil, err
	}
	return ref.Definition()
}

func (l *fileLoader) LoadPackageReference(name string, version *semver.Version) (schema.PackageReference, error) {
	return l.LoadPackageReferenceV2(context.Background(), &schema.PackageDescriptor{Name: name, Version: version})
}

func (l *fileLoader) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	if d.Parameterization != nil {
		return nil, fmt.Errorf("package %s: parameterized packages are not supported", d)
	}
	file, ok := l.files[d.Name]
	if !ok {
		return nil, fmt.Errorf("package %s is referenced by the schema; name its schema file with -package %s=FILE",
			d, d.Name)
	}
	key := d.String()
	l.mu.Lock()
	defer l.mu.Unlock()
	if ref, ok := l.refs[key]; ok {
		return ref, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var spec schema.PartialPackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if spec.Name != d.Name {
		return nil, fmt.Errorf("%s holds package %q, not %q", file, spec.Name, d.Name)
	}
	if d.Version != nil {
		switch spec.Version {
		case "":
			spec.Version = d.Version.String()
		case d.Version.String():
		default:
			return nil, fmt.Errorf("%s holds %s version %s, the schema asks for %s", file, d.Name, spec.Version, d.Version)
		}
	}
	ref, err := schema.ImportPartialSpec(spec, nil, l)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	l.refs[key] = ref
	return ref, nil
}

// bind validates the schema and binds it afresh: each generator records its own language data in the
// package it is given.
func bind(specBytes []byte, loader schema.ReferenceLoader) (*schema.Package, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal(specBytes, &spec); err != nil {
		return nil, err
	}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return pkg, nil
}

func generate(language string, specBytes []byte, loader schema.ReferenceLoader) (map[string][]byte, error) {
	pkg, err := bind(specBytes, loader)
	if err != nil {
		return nil, err
	}
	switch language {
	case "nodejs":
		return nodejsgen.GeneratePackage(tool, pkg, nil, nil, false, loader)
	case "python":
		return pythongen.GeneratePackage(tool, pkg, nil, loader)
	case "go":
		return gogen.GeneratePackage(tool, pkg, nil)
	default:
		return nil, fmt.Errorf("unknown language %q (want nodejs, python or go)", language)
	}
}

func write(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		target := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

func run() error {
	schemaFile := flag.String("schema", "", "the package schema (JSON)")
	out := flag.String("out", "", "the directory that receives one folder per language")
	languages := flag.String("language", "nodejs,python,go", "comma-separated languages to generate")
	programs := flag.String("programs", "", "a directory of PCL programs to write in each language instead of the SDKs")
	packages := packageFlags{}
	flag.Var(packages, "package", "NAME=SCHEMA_FILE: the schema of a package the schema refers to (repeatable)")
	flag.Parse()
	if *schemaFile == "" || *out == "" || flag.NArg() != 0 {
		flag.Usage()
		return errors.New("-schema and -out are required")
	}
	specBytes, err := os.ReadFile(*schemaFile)
	if err != nil {
		return err
	}
	loader := &fileLoader{files: packages, refs: map[string]schema.PackageReference{}}
	if *programs != "" {
		// The programs use this package too: it is served from its schema like the packages it refers to.
		packages["acr-helm"] = *schemaFile
		return generatePrograms(*programs, *out, loader)
	}
	for _, language := range strings.Split(*languages, ",") {
		files, err := generate(language, specBytes, loader)
		if err != nil {
			return fmt.Errorf("%s: %w", language, err)
		}
		if err := write(filepath.Join(*out, language), files); err != nil {
			return err
		}
		fmt.Printf("%s: %d files in %s\n", language, len(files), filepath.Join(*out, language))
	}
	return nil
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "acr-helm-gen:", err)
		os.Exit(1)
	}
}
