import * as fs from "fs";
import * as path from "path";
// Not the package root: that loads the automation API (npm's arborist and more), ~0.5 s of start-up the plugin never uses.
import { main as serveProvider } from "@pulumi/pulumi/provider";
import { AcrHelmProvider } from "./acrHelmProvider";
import { acceptKubernetesProviderReferences } from "./components/kubernetesReferences";

/** The package root: two levels above the compiled `dist/provider/index.js`. */
const packageRoot = path.resolve(__dirname, "..", "..");

function main(): Promise<void> {
    const { version } = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version: string };
    const schema = fs.readFileSync(path.join(packageRoot, "provider", "schema.json"), "utf8");
    acceptKubernetesProviderReferences();
    return serveProvider(new AcrHelmProvider(version, schema), process.argv.slice(2));
}

main().catch((error: unknown) => {
    process.stderr.write(`acr-helm provider: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
});
