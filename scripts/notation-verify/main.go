// Command notation-verify verifies the Notary Project signatures of one artifact in an OCI registry with the Notary
// Project's own Go library (notation-go), so that tests check signatures against the reference implementation:
//
//	notation-verify --trust-policy policy.json --trust-store dir [--plain-http] [--username u --password-stdin] \
//	    host:port/repository@sha256:<hex>
//
// The trust store folder holds x509/<type>/<name>/*.pem, as notation's own trust store does. Signatures are found
// with the Referrers API, or with the referrers tag schema (sha256-<hex>) when the registry lacks that API.
// Exit status 0 and the verified signature manifest's digest on standard output on success; 1 and notation-go's
// reasons on standard error on failure; 2 on a usage error.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/notaryproject/notation-core-go/signature/cose"
	_ "github.com/notaryproject/notation-core-go/signature/jws"
	"github.com/notaryproject/notation-go"
	"github.com/notaryproject/notation-go/dir"
	"github.com/notaryproject/notation-go/registry"
	"github.com/notaryproject/notation-go/verifier"
	"github.com/notaryproject/notation-go/verifier/trustpolicy"
	"github.com/notaryproject/notation-go/verifier/truststore"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2/registry/remote"
	"oras.land/oras-go/v2/registry/remote/auth"
	"oras.land/oras-go/v2/registry/remote/retry"
)

type options struct {
	reference, trustPolicy, trustStore, username string
	plainHTTP, passwordStdin                     bool
}

func main() {
	var opts options
	flag.StringVar(&opts.trustPolicy, "trust-policy", "", "trust policy JSON file (Notary Project OCI trust policy, version 1.0)")
	flag.StringVar(&opts.trustStore, "trust-store", "", "trust store folder holding x509/<type>/<name>/*.pem")
	flag.BoolVar(&opts.plainHTTP, "plain-http", false, "talk to the registry over http")
	flag.StringVar(&opts.username, "username", os.Getenv("NOTATION_USERNAME"), "registry user name (default $NOTATION_USERNAME)")
	flag.BoolVar(&opts.passwordStdin, "password-stdin", false, "read the registry password from standard input (default $NOTATION_PASSWORD)")
	flag.Parse()
	if flag.NArg() != 1 || opts.trustPolicy == "" || opts.trustStore == "" {
		fmt.Fprintln(os.Stderr, "usage: notation-verify --trust-policy <file> --trust-store <dir> [--plain-http] [--username <user> --password-stdin] <host/repository@sha256:...>")
		os.Exit(2)
	}
	opts.reference = flag.Arg(0)
	digest, err := run(context.Background(), opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "notation-verify:", err)
		os.Exit(1)
	}
	fmt.Println(digest)
}

func run(ctx context.Context, opts options) (string, error) {
	policy, err := readTrustPolicy(opts.trustPolicy)
	if err != nil {
		return "", err
	}
	store := truststore.NewX509TrustStore(trustStoreFS{SysFS: dir.NewSysFS(opts.trustStore), root: opts.trustStore})
	v, err := verifier.New(policy, store, nil)
	if err != nil {
		return "", fmt.Errorf("trust policy %s: %w", opts.trustPolicy, err)
	}
	remoteRepo, err := remote.NewRepository(opts.reference)
	if err != nil {
		return "", err
	}
	remoteRepo.PlainHTTP = opts.plainHTTP
	if remoteRepo.Client, err = registryClient(remoteRepo.Reference.Registry, opts); err != nil {
		return "", err
	}
	repo := &recordingRepository{Repository: registry.NewRepository(remoteRepo)}
	// On failure notation-go's error joins each signature's reason.
	if _, _, err := notation.Verify(ctx, v, repo, notation.VerifyOptions{ArtifactReference: opts.reference, MaxSignatureAttempts: 50}); err != nil {
		return "", err
	}
	return repo.lastSignature.Digest.String(), nil
}

// readTrustPolicy reads the trust policy from a given file instead of notation's configuration folder.
func readTrustPolicy(file string) (*trustpolicy.Document, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var policy trustpolicy.Document
	if err := json.Unmarshal(data, &policy); err != nil {
		return nil, fmt.Errorf("trust policy %s: %w", file, err)
	}
	return &policy, nil
}

func registryClient(host string, opts options) (*auth.Client, error) {
	password := os.Getenv("NOTATION_PASSWORD")
	if opts.passwordStdin {
		data, err := io.ReadAll(os.Stdin)
		if err != nil {
			return nil, fmt.Errorf("reading the password from standard input: %w", err)
		}
		password = strings.TrimRight(string(data), "\r\n")
	}
	client := &auth.Client{Client: retry.DefaultClient, Cache: auth.NewCache()}
	if opts.username != "" || password != "" {
		client.Credential = auth.StaticCredential(host, auth.Credential{Username: opts.username, Password: password})
	}
	return client, nil
}

// trustStoreFS maps notation's trust store paths (truststore/x509/<type>/<name>) into the given folder.
type trustStoreFS struct {
	dir.SysFS
	root string
}

func (t trustStoreFS) SysPath(items ...string) (string, error) {
	rel, err := filepath.Rel(dir.TrustStoreDir, filepath.Join(items...))
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", fmt.Errorf("%s is outside the trust store", filepath.Join(items...))
	}
	return filepath.Join(t.root, rel), nil
}

// recordingRepository remembers the last signature manifest whose envelope was fetched: notation.Verify stops at
// the first signature that verifies, so on success that is the verified one.
type recordingRepository struct {
	registry.Repository
	lastSignature ocispec.Descriptor
}

func (r *recordingRepository) FetchSignatureBlob(ctx context.Context, desc ocispec.Descriptor) ([]byte, ocispec.Descriptor, error) {
	r.lastSignature = desc
	return r.Repository.FetchSignatureBlob(ctx, desc)
}
