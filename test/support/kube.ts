// The local Kubernetes API server used by end-to-end tests and `npm run demo`.
export { LocalCluster, LocalClusterOptions, startLocalCluster } from "../../scripts/local/kubeApiServer";
