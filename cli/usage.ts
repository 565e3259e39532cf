import { parseArgs, ParseArgsConfig } from "util";
import { HelpRequested } from "./help";

/** A mistake in how the command was called: printed with the usage text, exit code 2. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

export type Options = NonNullable<ParseArgsConfig["options"]>;

const CONNECTION_OPTIONS: Options = {
    username: { type: "string" },
    password: { type: "string" },
    "password-stdin": { type: "boolean" },
    "plain-http": { type: "boolean" },
    "ca-file": { type: "string" },
    timeout: { type: "string" },
};

export const REGISTRY_OPTIONS: Options = { ...CONNECTION_OPTIONS, azure: { type: "boolean" } };

/** `helm registry login`'s short flags: -u/--username and -p/--password. */
export const LOGIN_OPTIONS: Options = {
    ...CONNECTION_OPTIONS,
    username: { type: "string", short: "u" },
    password: { type: "string", short: "p" },
};

/**
 * Parses flags and the positional arguments named in `names`; the last `optional` of them may be left out.
 * -h/--help throws HelpRequested, whatever else is given (as Helm's commands do).
 */
export function parseCommand(args: string[], options: Options, names: string[], optional = 0) {
    let parsed;
    try {
        parsed = parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    if (parsed.values.help === true) throw new HelpRequested();
    if (parsed.positionals.length > names.length || parsed.positionals.length < names.length - optional) {
        throw new UsageError(`expected ${names.map((n) => `<${n}>`).join(" ")} (got ${parsed.positionals.length} arguments)`);
    }
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}
