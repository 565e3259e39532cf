export { ChartPublication } from "./publication";
export { ChartPublicationArgs, ExplicitProvenance, ProvenanceSetting, RegistryCredentialsInput } from "./publication/args";
export { packageChart, PackageOptions, PackagedChart } from "./package";
export { ChartDependency, ChartMaintainer, ChartMetadata, parseChartYaml } from "./chartfile";
export { ChartError } from "./errors";
export { extractChartArchive } from "./extract";
export { gitProvenance, GitProvenance, provenanceAnnotations } from "./provenance";
export * from "./distribution";
export * from "./helmOci";
