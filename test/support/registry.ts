// The local registry used by integration tests, `npm run demo` and the benchmark.
export * from "../../scripts/local/registry";
