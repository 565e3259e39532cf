/** A command's `--help` text: what it does, how it is called, and its flags. */
export interface CommandHelp {
    readonly summary: string;
    /** the call, after "acr-helm " */
    readonly usage: string;
    /** [flag, meaning]; long-only flags are indented 4 spaces so that they line up with "-d, --…" */
    readonly flags: readonly (readonly [string, string])[];
    readonly notes?: string;
}

/** Thrown by parseCommand for -h/--help: the command's help goes to stdout with exit code 0. */
export class HelpRequested extends Error {
    constructor() {
        super("help requested");
        this.name = "HelpRequested";
    }
}

const PASSWORD_ON_COMMAND_LINE =
    "the password or token itself: visible to other users of this machine (ps, shell history); prefer --password-stdin";

const AZURE_FLAG: [string, string] = [
    "    --azure",
    "use the Azure identity of this environment (AZURE_* variables, workload or managed identity, az login)",
];

/** The flags of every command that talks to a registry (REGISTRY_OPTIONS); login adds Helm's -u and -p. */
export function connectionFlags(short = false): [string, string][] {
    return [
        [`${short ? "-u," : "   "} --username <user>`, "registry user (default: ACR_HELM_USERNAME, else the stored login)"],
        [`${short ? "-p," : "   "} --password <password>`, PASSWORD_ON_COMMAND_LINE],
        ["    --password-stdin", "read the password or token from standard input (default: ACR_HELM_PASSWORD)"],
        ...(short ? [] : [AZURE_FLAG]),
        ["    --plain-http", "talk HTTP instead of HTTPS (a local registry)"],
        ["    --ca-file <pem>", "trust the CA certificates in this PEM file"],
        ["    --timeout <seconds>", "how long to wait for the registry (default: 10 s to connect, 20 s per request, 60 s per command)"],
    ];
}

export function formatHelp(name: string, help: CommandHelp): string {
    const rows = [...help.flags, ["-h, --help", `show this help for ${name}`] as const];
    const width = Math.max(...rows.map(([flag]) => flag.length));
    const lines = [help.summary, "", "Usage:", `  acr-helm ${help.usage}`, "", "Flags:"];
    for (const [flag, meaning] of rows) lines.push(`  ${flag.padEnd(width)}   ${meaning}`);
    if (help.notes) lines.push("", help.notes.trimEnd());
    return lines.join("\n");
}
