export { AcrHelmPlatform } from "./platform";
export {
    AcrHelmPlatformArgs,
    PlatformChartArgs,
    PlatformClusterArgs,
    PlatformPrincipalArgs,
    PlatformRegistryArgs,
    PlatformReleaseArgs,
    platformDefaults,
} from "./args";
export { demoChartPath } from "./demoChart";
export { validateAcrHelmPlatformArgs } from "./validate";
