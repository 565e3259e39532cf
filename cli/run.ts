import { OciError } from "../chart/distribution/errors";
import { COMMANDS } from "./commands";
import { formatHelp, HelpRequested } from "./help";
import type { CliIO } from "./io";
import { topLevelHelp } from "./topLevelHelp";
import { UsageError } from "./usage";

/** Runs one command; returns the exit code. Errors are written to stderr, never with a credential in them. */
export async function runCli(argv: string[], io: CliIO = defaultIO()): Promise<number> {
    const [name, ...rest] = argv[0] === "help" && argv[1] !== undefined ? [argv[1], "--help"] : argv;
    if (name === undefined || name === "help" || name === "--help" || name === "-h") {
        io.out(await topLevelHelp());
        return name === undefined ? 2 : 0;
    }
    const load = COMMANDS[name];
    let usage = "";
    try {
        if (!load) throw new UsageError(`unknown command '${name}'; use one of: ${Object.keys(COMMANDS).join(", ")}`);
        const command = await load();
        usage = formatHelp(name, command.help);
        await command.run(rest, io);
        return 0;
    } catch (error) {
        if (error instanceof HelpRequested) {
            io.out(usage);
            return 0;
        }
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`Error: ${message}\n`);
        if (error instanceof OciError && error.code === "TIMEOUT") {
            process.stderr.write(
                "To give the registry more time, pass --timeout <seconds> (default: 20 s per request, 60 s per command).\n",
            );
        }
        if (error instanceof UsageError) process.stderr.write(`\n${usage || (await topLevelHelp())}\n`);
        return error instanceof UsageError ? 2 : 1;
    }
}

function defaultIO(): CliIO {
    return {
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
        stdin: process.stdin,
        env: process.env,
    };
}
