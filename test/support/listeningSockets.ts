import * as fs from "fs";
import * as os from "os";

/** A TCP socket in the LISTEN state: the address and port it is bound to. */
export interface ListeningSocket {
    family: "tcp" | "tcp6";
    address: string;
    port: number;
}

/** `st` column of /proc/net/tcp{,6} for TCP_LISTEN. */
const TCP_LISTEN = "0A";

/** The socket inodes among a process's open file descriptors (`/proc/<pid>/fd/* -> socket:[<inode>]`). */
function socketInodes(pid: number): Set<string> {
    const inodes = new Set<string>();
    for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
        let target: string;
        try {
            target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
            continue; // closed since the directory was read
        }
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode) inodes.add(inode);
    }
    return inodes;
}

/**
 * An address as /proc/net/tcp{,6} prints it: the in-memory bytes of the address, one 32-bit word at a time in the
 * host's byte order (8 hex digits for IPv4, 32 for IPv6).
 */
function decodeAddress(hex: string): string {
    const bytes = Buffer.alloc(hex.length / 2);
    for (let word = 0; word < hex.length / 8; word++) {
        const value = parseInt(hex.slice(word * 8, word * 8 + 8), 16);
        if (os.endianness() === "LE") bytes.writeUInt32LE(value, word * 4);
        else bytes.writeUInt32BE(value, word * 4);
    }
    if (bytes.length === 4) return [...bytes].join(".");
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
    return groups.join(":");
}

/** The listening TCP sockets process `pid` holds, read from /proc/<pid>/fd and /proc/net/tcp and /proc/net/tcp6. */
export function listeningSockets(pid: number): ListeningSocket[] {
    const inodes = socketInodes(pid);
    const found: ListeningSocket[] = [];
    for (const family of ["tcp", "tcp6"] as const) {
        const table = fs.readFileSync(`/proc/${pid}/net/${family}`, "utf8").trim().split("\n").slice(1);
        for (const line of table) {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            const fields = line.trim().split(/\s+/);
            const [local, state, inode] = [fields[1], fields[3], fields[9]];
            if (state !== TCP_LISTEN || !inodes.has(inode)) continue;
            const [address, port] = local.split(":");
            found.push({ family, address: decodeAddress(address), port: parseInt(port, 16) });
        }
    }
    return found;
}

/** Bound to 127.0.0.1 or ::1 (IPv4 loopback may show in tcp6 as ::ffff:127.0.0.1). */
export function isLoopback(socket: ListeningSocket): boolean {
    return ["127.0.0.1", "0:0:0:0:0:0:0:1", "0:0:0:0:0:ffff:7f00:1"].includes(socket.address);
}

/** `address:port` for messages; IPv6 in brackets. */
export function describeSocket(socket: ListeningSocket): string {
    return socket.family === "tcp6" ? `[${socket.address}]:${socket.port}` : `${socket.address}:${socket.port}`;
}
