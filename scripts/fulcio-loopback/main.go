// Command fulcio-loopback runs Sigstore's Fulcio certificate authority (github.com/sigstore/fulcio) for the tests: the
// server `fulcio serve` builds in its duplex mode (cmd/app StartDuplexServer: the v2 and legacy gRPC services and
// their REST gateway on one port), from Fulcio's own packages, on 127.0.0.1 only, with a file CA and no CT log.
//
// StartDuplexServer itself cannot be called: its metrics listener has no host (it binds every interface) and its
// registration panics on a metric name the grpc-prometheus package already registered. `fulcio serve` with separate
// HTTP and gRPC ports binds its metrics listener to every interface as well. This command starts no metrics listener.
//
//	fulcio-loopback --port <port> --config-path config.json \
//	    --fileca-cert root.crt --fileca-key root.key --fileca-key-passwd <password> [--log_type dev|prod]
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"chainguard.dev/go-grpc-kit/pkg/duplex"
	grpcmw "github.com/grpc-ecosystem/go-grpc-middleware"
	grpc_zap "github.com/grpc-ecosystem/go-grpc-middleware/logging/zap"
	grpc_recovery "github.com/grpc-ecosystem/go-grpc-middleware/recovery"
	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	v1 "github.com/sigstore/protobuf-specs/gen/pb-go/common/v1"
	"github.com/sigstore/sigstore/pkg/signature"
	"goa.design/goa/v3/grpc/middleware"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	health "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/proto"

	"github.com/sigstore/fulcio/cmd/app"
	"github.com/sigstore/fulcio/pkg/ca/fileca"
	"github.com/sigstore/fulcio/pkg/config"
	"github.com/sigstore/fulcio/pkg/generated/protobuf"
	"github.com/sigstore/fulcio/pkg/generated/protobuf/legacy"
	"github.com/sigstore/fulcio/pkg/log"
	"github.com/sigstore/fulcio/pkg/server"
)

// host is the only address the server listens on, and the one its REST gateway dials its gRPC services at.
const host = "127.0.0.1"

// The limits `fulcio serve` uses (cmd/app: maxMsgSize; --idle-connection-timeout's default).
const (
	maxMsgSize            = 1 << 22
	idleConnectionTimeout = 30 * time.Second
)

// The client signing algorithms `fulcio serve` allows by default (--client-signing-algorithms).
var clientSigningAlgorithms = []v1.PublicKeyDetails{
	v1.PublicKeyDetails_PKIX_ECDSA_P256_SHA_256,
	v1.PublicKeyDetails_PKIX_ECDSA_P384_SHA_384,
	v1.PublicKeyDetails_PKIX_ECDSA_P521_SHA_512,
	v1.PublicKeyDetails_PKIX_RSA_PKCS1V15_2048_SHA256,
	v1.PublicKeyDetails_PKIX_RSA_PKCS1V15_3072_SHA256,
	v1.PublicKeyDetails_PKIX_RSA_PKCS1V15_4096_SHA256,
	v1.PublicKeyDetails_PKIX_ED25519,
}

func main() {
	flags := flag.NewFlagSet("fulcio-loopback", flag.ExitOnError)
	port := flags.Int("port", 0, "the port on 127.0.0.1 to serve HTTP and gRPC on (required)")
	configPath := flags.String("config-path", "", "path to the Fulcio config (OIDC issuers), JSON or YAML (required)")
	certPath := flags.String("fileca-cert", "", "path to the CA certificate (required)")
	keyPath := flags.String("fileca-key", "", "path to the CA's encrypted private key (required)")
	keyPassword := flags.String("fileca-key-passwd", "", "password to decrypt the CA's private key (required)")
	logType := flags.String("log_type", "dev", "logger type to use (dev/prod)")
	_ = flags.Parse(os.Args[1:])
	if *port <= 0 || *port > 65535 || *configPath == "" || *certPath == "" || *keyPath == "" || *keyPassword == "" || flags.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: fulcio-loopback --port <port> --config-path <file> --fileca-cert <file> --fileca-key <file> --fileca-key-passwd <password> [--log_type dev|prod]")
		os.Exit(2)
	}
	log.ConfigureLogger(*logType)

	cfg, err := config.Load(*configPath)
	if err != nil {
		log.Logger.Fatalf("error loading --config-path=%s: %v", *configPath, err)
	}
	baseca, err := fileca.NewFileCA(*certPath, *keyPath, *keyPassword, false)
	if err != nil {
		log.Logger.Fatal(err)
	}
	defer baseca.Close()
	algorithms, err := signature.NewAlgorithmRegistryConfig(clientSigningAlgorithms)
	if err != nil {
		log.Logger.Fatal(err)
	}

	logger, opts := log.SetupGRPCLogging()
	d := duplex.New(
		*port,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.KeepaliveParams(keepalive.ServerParameters{MaxConnectionIdle: idleConnectionTimeout}),
		runtime.WithMetadata(extractOIDCTokenFromAuthHeader),
		grpc.UnaryInterceptor(grpcmw.ChainUnaryServer(
			grpc_recovery.UnaryServerInterceptor(grpc_recovery.WithRecoveryHandlerContext(panicRecoveryHandler)),
			middleware.UnaryRequestID(middleware.UseXRequestIDMetadataOption(true), middleware.XRequestMetadataLimitOption(128)),
			grpc_zap.UnaryServerInterceptor(logger, opts...),
			app.PassFulcioConfigThruContext(cfg),
		)),
		grpc.MaxRecvMsgSize(maxMsgSize),
		runtime.WithForwardResponseOption(setResponseCodeModifier),
	)
	// duplex.New has the gateway dial localhost:<port>, which may resolve to ::1 first.
	d.Host = host
	d.Loopback = net.JoinHostPort(host, strconv.Itoa(*port))

	ctx := context.Background()
	caServer := server.NewGRPCCAServer(nil, baseca, algorithms, server.NewIssuerPool(cfg))
	protobuf.RegisterCAServer(d.Server, caServer)
	legacy.RegisterCAServer(d.Server, server.NewLegacyGRPCCAServer(caServer))
	health.RegisterHealthServer(d.Server, caServer)
	for _, register := range []duplex.RegisterHandlerFromEndpointFn{
		protobuf.RegisterCAHandlerFromEndpoint, legacy.RegisterCAHandlerFromEndpoint, healthz,
	} {
		if err := d.RegisterHandler(ctx, register); err != nil {
			log.Logger.Fatal(err)
		}
	}

	listener, err := net.Listen("tcp", d.Loopback)
	if err != nil {
		log.Logger.Fatal(err)
	}
	log.Logger.Infof("fulcio-loopback: serving HTTP and gRPC at %s", listener.Addr())
	if err := d.Serve(ctx, listener); err != nil {
		log.Logger.Fatal(err)
	}
}

// The helpers below are cmd/app's unexported ones, as StartDuplexServer uses them.

// extractOIDCTokenFromAuthHeader passes the REST request's bearer token to the gRPC service (cmd/app/http.go).
func extractOIDCTokenFromAuthHeader(_ context.Context, req *http.Request) metadata.MD {
	token := strings.Replace(req.Header.Get("Authorization"), "Bearer ", "", 1)
	return metadata.Pairs(server.MetadataOIDCTokenKey, token)
}

// setResponseCodeModifier turns the service's SCT and HTTP status metadata into the REST response's header and
// status, and strips the other gRPC headers (cmd/app/http.go).
func setResponseCodeModifier(ctx context.Context, w http.ResponseWriter, _ proto.Message) error {
	md, ok := runtime.ServerMetadataFromContext(ctx)
	if !ok {
		return nil
	}
	if vals := md.HeaderMD.Get(server.SCTMetadataKey); len(vals) > 0 {
		delete(md.HeaderMD, server.SCTMetadataKey)
		delete(w.Header(), "Grpc-Metadata-sct")
		w.Header().Set("SCT", vals[0])
	}
	for headerKey := range w.Header() {
		if strings.HasPrefix(headerKey, "Grpc-") {
			delete(w.Header(), headerKey)
		}
	}
	if vals := md.HeaderMD.Get(server.HTTPResponseCodeMetadataKey); len(vals) > 0 {
		code, err := strconv.Atoi(vals[0])
		if err != nil {
			return err
		}
		delete(md.HeaderMD, server.HTTPResponseCodeMetadataKey)
		w.WriteHeader(code)
	}
	return nil
}

// panicRecoveryHandler logs a request's panic and answers it with an error (cmd/app/grpc.go).
func panicRecoveryHandler(ctx context.Context, p any) error {
	log.ContextLogger(ctx).Error(p)
	return fmt.Errorf("panic: %v", p)
}

// healthz serves /healthz from the gRPC health service (cmd/app/serve.go duplexHealthz).
func healthz(_ context.Context, mux *runtime.ServeMux, endpoint string, opts []grpc.DialOption) error {
	cc, err := grpc.NewClient(endpoint, opts...)
	if err != nil {
		return err
	}
	runtime.WithHealthzEndpoint(health.NewHealthClient(cc))(mux)
	return nil
}
