import * as fs from "fs";
import * as path from "path";
import { generatedFiles } from "./generatedFiles";
import { packageRoot } from "./schemaFile";

/** `npm run generate`: writes every file generated from the schema and the CLI's help. */
async function main(): Promise<void> {
    for (const file of await generatedFiles()) {
        const target = path.join(packageRoot, file.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.text);
        process.stdout.write(`wrote ${file.path}\n`);
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
});
