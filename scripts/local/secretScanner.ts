import * as fs from "fs";
import * as path from "path";

/*
 * Finds known secrets in texts (pulumi's output, state files, kubeconfigs) in every spelling that would give one away:
 *
 *   raw             the value as is
 *   json-escaped    as it stands inside a JSON string ("\n", "\"" ...), when that differs
 *   url-encoded     percent-encoded (encodeURIComponent), when that differs
 *   basic-auth      base64 of `username:value`, the Basic authorization value
 *   base64          base64 of the value alone (standard alphabet)
 *   base64url       the same in the URL-safe alphabet
 *   base64@N        inside a larger base64 blob (a kubeconfig in a secret, a docker config.json), the value starting
 *   base64url@N     at a byte offset ≡ N (mod 3): the characters of the blob's encoding that only the value decides
 *
 * A finding names the secret, the form and the text; it never holds the value or any spelling of it.
 */

export interface KnownSecret {
    readonly name: string;
    readonly value: string;
    /** For passwords: the username they are sent with in Basic authorization. */
    readonly username?: string;
}

export interface ScannedText {
    /** e.g. "up output", "state export", "backend file .pulumi/stacks/dev.json" */
    readonly where: string;
    readonly text: string;
}

/** A text to scan: named, or a bare string, then named by its position ("text 3"). */
export type Scannable = string | ScannedText;

export interface SecretFinding {
    readonly secret: string;
    readonly form: string;
    readonly where: string;
}

/** Spellings shorter than this are not searched: they would match by chance. */
export const MIN_FORM_LENGTH = 8;

const urlSafe = (base64: string) => base64.replace(/\+/g, "-").replace(/\//g, "_");

/**
 * The characters of a base64 encoding that only `bytes` decide when they start at a byte offset ≡ `alignment`
 * (mod 3) inside a larger encoded stream: the leading characters shared with the bytes before, and the trailing one
 * shared with the bytes after, are left out.
 */
export function alignedBase64(bytes: Buffer, alignment: 0 | 1 | 2): string {
    const encoded = Buffer.concat([Buffer.alloc(alignment), bytes])
        .toString("base64")
        .replace(/=+$/, "");
    const first = Math.ceil((8 * alignment) / 6);
    const end = Math.floor((8 * (alignment + bytes.length)) / 6);
    return encoded.slice(first, end);
}

/** The spellings of one secret, most specific first. */
export function secretForms(secret: KnownSecret): { form: string; text: string }[] {
    const value = Buffer.from(secret.value, "utf8");
    const forms = [{ form: "raw", text: secret.value }];
    const jsonEscaped = JSON.stringify(secret.value).slice(1, -1);
    if (jsonEscaped !== secret.value) forms.push({ form: "json-escaped", text: jsonEscaped });
    const urlEncoded = encodeURIComponent(secret.value);
    if (urlEncoded !== secret.value) forms.push({ form: "url-encoded", text: urlEncoded });
    if (secret.username !== undefined) {
        forms.push({ form: "basic-auth", text: Buffer.from(`${secret.username}:${secret.value}`).toString("base64").replace(/=+$/, "") });
    }
    const standalone = value.toString("base64").replace(/=+$/, "");
    forms.push({ form: "base64", text: standalone }, { form: "base64url", text: urlSafe(standalone) });
    for (const alignment of [0, 1, 2] as const) {
        const inBlob = alignedBase64(value, alignment);
        forms.push({ form: `base64@${alignment}`, text: inBlob }, { form: `base64url@${alignment}`, text: urlSafe(inBlob) });
    }
    const seen = new Set<string>();
    return forms.filter((form) => form.text.length >= MIN_FORM_LENGTH && !seen.has(form.text) && seen.add(form.text));
}

/** Every (secret, text) pair in which a spelling of the secret occurs, with the first spelling found there. */
export function findSecrets(texts: readonly Scannable[], secrets: readonly KnownSecret[]): SecretFinding[] {
    const named = texts.map((text, index) => (typeof text === "string" ? { where: `text ${index + 1}`, text } : text));
    const findings: SecretFinding[] = [];
    for (const secret of secrets) {
        if (secret.value.length < MIN_FORM_LENGTH) {
            throw new Error(`secret "${secret.name}" is shorter than ${MIN_FORM_LENGTH} characters: too short to scan for`);
        }
        const forms = secretForms(secret);
        for (const { where, text } of named) {
            const found = forms.find((form) => text.includes(form.text));
            if (found) findings.push({ secret: secret.name, form: found.form, where });
        }
    }
    return findings;
}

/** One line per finding, e.g. "registry password as base64@1 in up output". */
export function describeFindings(findings: readonly SecretFinding[]): string[] {
    return findings.map((finding) => `${finding.secret} as ${finding.form} in ${finding.where}`);
}

/** Throws, naming each secret, form and text (never a value), when any secret occurs in any text. */
export function assertNoSecretsIn(texts: readonly Scannable[], secrets: readonly KnownSecret[], what = "texts"): void {
    const findings = findSecrets(texts, secrets);
    if (findings.length > 0) {
        throw new Error(
            `secrets found in ${what}:\n${describeFindings(findings)
                .map((line) => `  ${line}`)
                .join("\n")}`,
        );
    }
}

/** Every file under a `file://` backend directory (state, history, backups), as text, named by its path there. */
export function backendFiles(backendDir: string): ScannedText[] {
    const texts: ScannedText[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else texts.push({ where: `backend file ${path.relative(backendDir, full)}`, text: fs.readFileSync(full, "utf8") });
        }
    };
    if (fs.existsSync(backendDir)) walk(backendDir);
    return texts;
}
