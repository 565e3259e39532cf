import type { CommandHelp } from "./help";
import type { CliIO } from "./io";

export type Command = (args: string[], io: CliIO) => Promise<void>;

export interface CommandModule {
    readonly run: Command;
    readonly help: CommandHelp;
}

/** Each command's module is loaded only when it runs: `search` does not pay for loading the signing libraries. */
export const COMMANDS: Record<string, () => Promise<CommandModule>> = {
    package: async () => {
        const m = await import("./packageCommand");
        return { run: m.packageCommand, help: m.help };
    },
    push: async () => {
        const m = await import("./pushCommand");
        return { run: m.pushCommand, help: m.help };
    },
    tags: async () => {
        const m = await import("./tagsCommand");
        return { run: m.tagsCommand, help: m.help };
    },
    pull: async () => {
        const m = await import("./pullCommand");
        return { run: m.pullCommand, help: m.help };
    },
    verify: async () => {
        const m = await import("./verifyCommand");
        return { run: m.verifyCommand, help: m.help };
    },
    search: async () => {
        const m = await import("./searchCommand");
        return { run: m.searchCommand, help: m.help };
    },
    show: async () => {
        const m = await import("./showCommand");
        return { run: m.showCommand, help: m.help };
    },
    login: async () => {
        const m = await import("./loginCommand");
        return { run: m.loginCommand, help: m.loginHelp };
    },
    logout: async () => {
        const m = await import("./loginCommand");
        return { run: m.logoutCommand, help: m.logoutHelp };
    },
    copy: async () => {
        const m = await import("./copyCommand");
        return { run: m.copyCommand, help: m.help };
    },
};
