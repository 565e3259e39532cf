import { readAppConfig } from "./config";
import { deployApp } from "./program";

// Pulumi turns this module's exports into the stack outputs: ref, version and digest of each chart, by release name.
export const charts = deployApp(readAppConfig());
