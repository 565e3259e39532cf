export { AksCluster } from "./cluster";
export { AksClusterArgs, SystemNodePoolArgs } from "./args";
export { validateAksClusterArgs } from "./validate";
