export { AksCluster } from "./cluster";
export { AksClusterArgs, AttachedRegistryArgs, SystemNodePoolArgs } from "./args";
export { validateAksClusterArgs } from "./validate";
