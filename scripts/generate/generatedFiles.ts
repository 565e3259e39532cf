import { cliDocs } from "./cliDocs";
import { contractTypes } from "./contractTypes";
import { referenceDocs } from "./referenceDocs";
import { referenceExamples } from "./referenceExamples";
import { GeneratedFile, readSchema } from "./schemaFile";

/** Every file `npm run generate` writes; the staleness test compares each with what is committed. */
export async function generatedFiles(): Promise<GeneratedFile[]> {
    const schema = readSchema();
    return [contractTypes(schema), ...referenceDocs(schema, referenceExamples()), await cliDocs()];
}
