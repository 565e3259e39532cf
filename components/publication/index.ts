export { ChartPublication } from "./chartPublication";
export {
    AzureCredentialsInput,
    ChartPublicationArgs,
    ChartSigningArgs,
    ExplicitProvenance,
    IdentityTokenSourceArgs,
    KeylessSigningArgs,
    ProvenanceSetting,
    RegistryCredentialsInput,
} from "./args";
