import * as net from "net";

/**
 * A TCP server on 127.0.0.1 that accepts every connection and never sends a byte: a registry host
 * that is up at the TCP level but dead above it. Over https it also never completes a TLS handshake.
 */
export class BlackHoleServer {
    private readonly sockets = new Set<net.Socket>();
    private readonly server = net.createServer((socket) => {
        this.accepted++;
        this.sockets.add(socket);
        socket.on("error", () => undefined);
        socket.on("close", () => this.sockets.delete(socket));
    });
    accepted = 0;
    host = "";

    async start(): Promise<this> {
        await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
        this.host = `127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
        return this;
    }

    async stop(): Promise<void> {
        for (const socket of this.sockets) socket.destroy();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }
}
