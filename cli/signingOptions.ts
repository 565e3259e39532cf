import { promises as fs } from "fs";
import { CosignSigningKey, readCosignSigningKey } from "../chart/signing/cosign/cosignKeys";
import { PgpSigningKey, readPgpSigningKey } from "../chart/signing/provenance/pgpKeys";
import { Options, UsageError } from "./usage";

export const SIGNING_OPTIONS: Options = {
    sign: { type: "boolean" },
    key: { type: "string" },
    "key-passphrase-file": { type: "string" },
    "cosign-key": { type: "string" },
    "cosign-passphrase-file": { type: "string" },
};

export interface SigningKeys {
    readonly pgp?: PgpSigningKey;
    readonly cosign?: CosignSigningKey;
}

type Values = Record<string, string | boolean | undefined>;

/** --sign --key <armored secret key> [--key-passphrase-file], --cosign-key <PEM> [--cosign-passphrase-file]. */
export async function readSigningKeys(values: Values): Promise<SigningKeys> {
    const keyFile = stringOption(values, "key");
    if (values.sign === true && keyFile === undefined)
        throw new UsageError("--sign needs --key <file>: an ASCII-armored OpenPGP secret key (gpg --armor --export-secret-keys <id>)");
    if (values.sign !== true && keyFile !== undefined) throw new UsageError("--key is the key for --sign; add --sign to sign the chart");
    requireWith(values, "key-passphrase-file", "key");
    requireWith(values, "cosign-passphrase-file", "cosign-key");
    const cosignFile = stringOption(values, "cosign-key");
    return {
        pgp:
            keyFile === undefined
                ? undefined
                : await readPgpSigningKey(
                      await readFileOption("key", keyFile),
                      await passphrase(values, "key-passphrase-file"),
                      `--key ${keyFile}`,
                  ),
        cosign:
            cosignFile === undefined
                ? undefined
                : readCosignSigningKey(
                      await readFileOption("cosign-key", cosignFile),
                      await passphrase(values, "cosign-passphrase-file"),
                      `--cosign-key ${cosignFile}`,
                  ),
    };
}

export function stringOption(values: Values, name: string): string | undefined {
    const value = values[name];
    return typeof value === "string" ? value : undefined;
}

/** Reads a file named by an option; the error names the option and the file, never its content. */
export async function readFileOption(option: string, file: string): Promise<string> {
    try {
        return await fs.readFile(file, "utf8");
    } catch (error) {
        throw new UsageError(`--${option} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
}

async function passphrase(values: Values, option: string): Promise<string | undefined> {
    const file = stringOption(values, option);
    return file === undefined ? undefined : (await readFileOption(option, file)).replace(/\r?\n$/, "");
}

function requireWith(values: Values, option: string, needed: string): void {
    if (values[option] !== undefined && values[needed] === undefined) throw new UsageError(`--${option} is used with --${needed}`);
}
