export { ChartPublication } from "./chartPublication";
export {
    AzureCredentialsInput,
    ChartPublicationArgs,
    ChartSigningArgs,
    ExplicitProvenance,
    ProvenanceSetting,
    RegistryCredentialsInput,
} from "./args";
