export { ChartPublication } from "./chartPublication";
export { ChartPublicationArgs, ChartSigningArgs, ExplicitProvenance, ProvenanceSetting, RegistryCredentialsInput } from "./args";
