import * as assert from "assert";
import { checkAll, ValidationError } from "../../chart/model/validation";

describe("ValidationError", () => {
    it("splits a message that starts with the property into property and reason", () => {
        const error = new ValidationError("sku", "sku must be one of Basic, Standard, Premium (got 'Gold')");
        assert.deepStrictEqual(error.failures, [
            {
                property: "sku",
                reason: "must be one of Basic, Standard, Premium (got 'Gold')",
                message: "sku must be one of Basic, Standard, Premium (got 'Gold')",
            },
        ]);
        assert.strictEqual(error.message, "sku must be one of Basic, Standard, Premium (got 'Gold')");
    });

    it("names a property under its argument group, keeping how the message reads", () => {
        const continuing = new ValidationError("sku", "sku must be one of Basic, Standard, Premium").within("registry");
        assert.strictEqual(continuing.property, "registry.sku");
        assert.strictEqual(continuing.message, "registry.sku must be one of Basic, Standard, Premium");
        const standalone = new ValidationError("passwordEndDate", "set either passwordEndDate or passwordRotationDays").within("principal");
        assert.strictEqual(standalone.message, "principal.passwordEndDate: set either passwordEndDate or passwordRotationDays");
        assert.strictEqual(standalone.reason, "set either passwordEndDate or passwordRotationDays");
    });

    it("checkAll reports every failing check in order, one per line", () => {
        assert.throws(
            () =>
                checkAll([
                    () => {
                        throw new ValidationError("a", "a must be set");
                    },
                    () => undefined,
                    () => {
                        throw new ValidationError("b", "b: must be a number");
                    },
                ]),
            (error: unknown) => {
                assert.ok(error instanceof ValidationError);
                assert.deepStrictEqual(
                    error.failures.map((failure) => [failure.property, failure.reason]),
                    [
                        ["a", "must be set"],
                        ["b", "must be a number"],
                    ],
                );
                assert.strictEqual(error.message, "a must be set\nb: must be a number");
                return true;
            },
        );
    });

    it("checkAll lets errors that are not validation errors through unchanged", () => {
        const bug = new TypeError("boom");
        assert.throws(
            () =>
                checkAll([
                    () => {
                        throw bug;
                    },
                ]),
            (error: unknown) => error === bug,
        );
    });
});
