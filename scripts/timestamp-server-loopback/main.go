// Command timestamp-server-loopback runs Sigstore's RFC 3161 timestamp authority (github.com/sigstore/timestamp-authority)
// for the tests: its REST API, built by the module's own server.NewRestAPIServer, on 127.0.0.1 only, signing with an
// in-memory key and certificate chain. The upstream `timestamp-server serve` also starts a Prometheus listener fixed
// at :2112 on every interface, which no flag moves; this command starts none, so several can run on one machine.
//
//	timestamp-server-loopback --port <port> [--log-type dev|prod]
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/spf13/viper"

	"github.com/sigstore/timestamp-authority/v2/pkg/log"
	"github.com/sigstore/timestamp-authority/v2/pkg/server"
)

// host is the only address the server listens on.
const host = "127.0.0.1"

// settings are what pkg/api and the generated REST server read from viper: the defaults of `timestamp-server serve`
// (cmd/timestamp-server/app/root.go) with the in-memory signer.
var settings = map[string]any{
	"timestamp-signer":          "memory",
	"timestamp-signer-hash":     "sha256",
	"include-chain-in-response": false,
	"use-http-201":              false,
	"enforce-intermediate-eku":  true,
	"default-policy-oid":        "1.3.6.1.4.1.57264.2",
	"accepted-policy-oids":      []string{"1.3.6.1.4.1.57264.2"},
	"allow-custom-extensions":   false,
	"max-request-body-size":     uint64(1 << 20),
}

func main() {
	port := flag.Int("port", 0, "the port on 127.0.0.1 to serve the API on (required)")
	logType := flag.String("log-type", "dev", "logger type to use (dev/prod)")
	flag.Parse()
	if *port <= 0 || *port > 65535 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: timestamp-server-loopback --port <port> [--log-type dev|prod]")
		os.Exit(2)
	}
	log.ConfigureLogger(*logType)
	for key, value := range settings {
		viper.Set(key, value)
	}

	// The timeouts are those `timestamp-server serve` defaults to (--read-timeout, --write-timeout).
	api := server.NewRestAPIServer(host, *port, []string{"http"}, false, 30*time.Second, 30*time.Second)
	api.CleanupTimeout = 10 * time.Second
	defer func() {
		if err := api.Shutdown(); err != nil {
			log.Logger.Error(err)
		}
	}()
	log.Logger.Infof("timestamp-server-loopback: serving http://%s:%d", host, *port)
	if err := api.Serve(); err != nil {
		log.Logger.Fatal(err)
	}
}
