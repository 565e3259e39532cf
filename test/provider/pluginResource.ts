import * as fs from "fs";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";
import { AcrHelmProvider } from "../../provider/acrHelmProvider";
import { wrapSecret } from "../../provider/secrets";
import { repoRoot } from "../support/paths";

type Props = Record<string, unknown>;

/** One resource type of the plugin, called as the engine calls it: by URN, with secrets on the wire. */
export interface PluginResource {
    check(olds: Props, news: Props): Promise<pulumi.provider.CheckResult>;
    diff(id: string, olds: Props, news: Props): Promise<pulumi.provider.DiffResult>;
    create(inputs: Props): Promise<pulumi.provider.CreateResult>;
    update(id: string, olds: Props, news: Props): Promise<pulumi.provider.UpdateResult>;
    read(id: string, props: Props): Promise<pulumi.provider.ReadResult>;
    delete(id: string, props: Props): Promise<void>;
}

/** The provider plugin as its entry builds it: this package's version and schema. */
export function pluginProvider(): AcrHelmProvider {
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    return new AcrHelmProvider(version, fs.readFileSync(path.join(repoRoot, "provider", "schema.json"), "utf8"));
}

export function pluginResource(type: string, name = "test"): PluginResource {
    const provider = pluginProvider();
    const urn = `urn:pulumi:dev::acr-helm-test::${type}::${name}`;
    return {
        check: (olds, news) => provider.check(urn, olds, news),
        diff: (id, olds, news) => provider.diff(id, urn, olds, news),
        create: (inputs) => provider.create(urn, inputs),
        update: (id, olds, news) => provider.update(id, urn, olds, news),
        read: (id, props) => provider.read(id, urn, props),
        delete: (id, props) => provider.delete(id, urn, props),
    };
}

/** Inputs as the engine hands them to a provider that accepts secrets: each secret property wrapped. */
export function asTheEngineSends(inputs: Props, secretPaths: string[]): Props {
    return Object.fromEntries(Object.entries(inputs).map(([key, value]) => [key, secretPaths.includes(key) ? wrapSecret(value) : value]));
}
