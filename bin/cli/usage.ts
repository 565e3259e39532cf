import { parseArgs, ParseArgsConfig } from "util";

/** A mistake in how the command was called: printed with the usage text, exit code 2. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

export type Options = NonNullable<ParseArgsConfig["options"]>;

export const REGISTRY_OPTIONS: Options = {
    username: { type: "string" },
    "password-stdin": { type: "boolean" },
    "plain-http": { type: "boolean" },
    "ca-file": { type: "string" },
    timeout: { type: "string" },
};

/** Parses flags and the positional arguments named in `names`; the last `optional` of them may be left out. */
export function parseCommand(args: string[], options: Options, names: string[], optional = 0) {
    let parsed;
    try {
        parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    if (parsed.positionals.length > names.length || parsed.positionals.length < names.length - optional) {
        throw new UsageError(`expected ${names.map((n) => `<${n}>`).join(" ")} (got ${parsed.positionals.length} arguments)`);
    }
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}
