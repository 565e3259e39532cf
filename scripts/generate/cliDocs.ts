import { COMMANDS } from "../../cli/commands";
import { formatHelp } from "../../cli/help";
import { topLevelHelp } from "../../cli/topLevelHelp";
import { GeneratedFile } from "./schemaFile";

export const CLI_DOCS_PATH = "docs/cli.md";

/** docs/cli.md: exactly what `acr-helm --help` and each `acr-helm <command> --help` print. */
export async function cliDocs(): Promise<GeneratedFile> {
    const sections = await Promise.all(
        Object.entries(COMMANDS).map(async ([name, load]) =>
            [`## acr-helm ${name}`, "", fenced(formatHelp(name, (await load()).help)), ""].join("\n"),
        ),
    );
    const text = [
        "<!-- Generated from the CLI's own help by `npm run generate`; do not edit. -->",
        "# acr-helm CLI",
        "",
        "`acr-helm` comes with the npm package (`npx acr-helm`, or `node_modules/.bin/acr-helm`). What follows is its",
        "`--help` output, command by command.",
        "",
        fenced(await topLevelHelp()),
        "",
        ...sections,
    ].join("\n");
    return { path: CLI_DOCS_PATH, text };
}

function fenced(text: string): string {
    return ["```text", text.trimEnd(), "```"].join("\n");
}
