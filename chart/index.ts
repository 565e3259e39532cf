export { packageChart, PackageOptions, PackagedChart } from "./packaging/package";
export { ChartDependency, ChartMaintainer, ChartMetadata, parseChartYaml } from "./model/chartfile";
export { ChartError } from "./model/errors";
export { extractChartArchive } from "./load/extract";
export { gitProvenance, GitProvenance, provenanceAnnotations } from "./packaging/provenance";
export * from "./distribution";
export * from "./helmOci";
export * from "./signing";
