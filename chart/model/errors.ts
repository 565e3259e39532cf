/**
 * A chart that cannot be packaged or read. `file` is the chart file (or directory) at fault;
 * the message names it and says how to fix it.
 */
export class ChartError extends Error {
    constructor(
        message: string,
        readonly file?: string,
    ) {
        super(message);
        this.name = "ChartError";
    }
}
