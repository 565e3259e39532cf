import { decodeFunctionInputs, decodeInputs, DecodedInputs, Props } from "./decode";
import { PackageSpec } from "./schemaSpec";

/** The plugin's contract: the schema it serves, read once, answering what `check` and the secret wrapping need. */
export class Contract {
    readonly spec: PackageSpec;

    constructor(schema: string) {
        this.spec = JSON.parse(schema) as PackageSpec;
    }

    /** The resource's inputs checked against the schema, with its defaults applied. */
    decode(token: string, given: Props): DecodedInputs {
        return decodeInputs(this.spec, token, given);
    }

    /** A function's inputs checked against the schema, with its defaults applied. */
    decodeFunction(token: string, given: Props): DecodedInputs {
        return decodeFunctionInputs(this.spec, token, given);
    }

    /** Inputs (and the outputs of the same name) the schema marks secret: stored only as secrets. */
    secretInputs(token: string): string[] {
        const inputs = this.spec.resources[token]?.inputProperties ?? {};
        return Object.entries(inputs)
            .filter(([, property]) => property.secret)
            .map(([name]) => name);
    }

    /** The outputs a component returns from `construct`. */
    componentOutputs(token: string): string[] {
        const resource = this.spec.resources[token];
        return resource?.isComponent ? Object.keys(resource.properties ?? {}) : [];
    }
}
