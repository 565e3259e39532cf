import * as fs from "fs";
import * as path from "path";

/**
 * Installs `docker-credential-<name>` into `binDir`: a small program speaking the docker credential-helpers
 * protocol (get/store/erase on standard input) that keeps its logins in one JSON file, `storeFile`.
 */
export function installFakeCredentialHelper(binDir: string, name: string, storeFile: string): void {
    const program = `#!${process.execPath}
const fs = require("fs");
const file = ${JSON.stringify(storeFile)};
const action = process.argv[2];
const input = fs.readFileSync(0, "utf8");
const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
if (action === "store") {
    const entry = JSON.parse(input);
    all[entry.ServerURL] = { Username: entry.Username, Secret: entry.Secret };
    fs.writeFileSync(file, JSON.stringify(all), { mode: 0o600 });
} else if (action === "get") {
    const entry = all[input.trim()];
    if (!entry) { process.stdout.write("credentials not found in native keychain\\n"); process.exit(1); }
    process.stdout.write(JSON.stringify({ ServerURL: input.trim(), ...entry }));
} else if (action === "erase") {
    delete all[input.trim()];
    fs.writeFileSync(file, JSON.stringify(all), { mode: 0o600 });
} else { process.exit(2); }
`;
    fs.mkdirSync(binDir, { recursive: true });
    fs.writeFileSync(path.join(binDir, `docker-credential-${name}`), program, { mode: 0o755 });
}
