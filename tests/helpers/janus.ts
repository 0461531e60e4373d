// A real Janus for a test, in a network namespace of its own joined to this one by a veth pair.
// Janus gathers no ICE candidate on loopback alone ("Error gathering candidates"), so it gets an
// interface of its own (-E keeps ICE to it); its WebSocket API listens on that private address
// with an api_secret, the admin API off: the setup the README asks of production.
// Needs root (ip netns) and the `janus` binary (Debian package `janus`).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const JANUS_BIN = "/usr/bin/janus";
const LIB = "/usr/lib/x86_64-linux-gnu/janus";

/** Why Janus cannot run here, or null when it can (the integration and e2e tests skip on it). */
export function janusUnavailable(): string | null {
  if (!existsSync(JANUS_BIN)) return "the `janus` binary is absent (apt-get install -y janus)";
  if (process.getuid?.() !== 0) return "Janus tests need root, for a network namespace (ip netns)";
  return null;
}

export interface RunningJanus {
  /** The WebSocket API, as JANUS_URL. */
  url: string;
  secret: string;
  /** This side of the veth pair: where Janus reaches the browsers and the app. */
  hostAddress: string;
  /** Janus's process (`ip netns exec` becomes it). */
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: "pipe" });

/** Removes what an earlier run of this process id left behind (a crashed test). */
function removeNamespace(ns: string, hostIf: string): void {
  try {
    ip("link", "del", hostIf);
  } catch {
    // absent: nothing to remove
  }
  try {
    ip("netns", "del", ns);
  } catch {
    // absent
  }
}

// Only the VideoRoom plugin and the WebSocket transport: the others would listen or log for nothing.
const OTHER_PLUGINS = [
  "audiobridge",
  "duktape",
  "echotest",
  "lua",
  "nosip",
  "recordplay",
  "sip",
  "streaming",
  "textroom",
  "videocall",
  "voicemail",
];
const OTHER_TRANSPORTS = ["http", "mqtt", "nanomsg", "pfunix", "rabbitmq"];
const soList = (names: string[]) => names.map((n) => `libjanus_${n}.so`).join(",");

function writeConfig(dir: string, opts: { secret: string; iface: string; address: string; port: number }) {
  writeFileSync(
    path.join(dir, "janus.jcfg"),
    `general: {
  configs_folder = "${dir}"
  plugins_folder = "${LIB}/plugins"
  transports_folder = "${LIB}/transports"
  events_folder = "${LIB}/events"
  loggers_folder = "${LIB}/loggers"
  debug_level = 4
  api_secret = "${opts.secret}"
  admin_secret = "${randomBytes(18).toString("base64url")}"
}
nat: { ice_enforce_list = "${opts.iface}" }
media: { rtp_port_range = "20000-40000" }
plugins: { disable = "${soList(OTHER_PLUGINS)}" }
transports: { disable = "${soList(OTHER_TRANSPORTS)}" }
`,
  );
  writeFileSync(
    path.join(dir, "janus.transport.websockets.jcfg"),
    `general: { ws = true, ws_port = ${opts.port}, ws_ip = "${opts.address}", wss = false }
admin: { admin_ws = false, admin_wss = false }
`,
  );
  // No rooms of its own: the app creates one per meeting.
  writeFileSync(path.join(dir, "janus.plugin.videoroom.jcfg"), "general: {}\n");
}

/** Starts Janus (with `secret` as its api_secret: a restart keeps the app's JANUS_SECRET valid). */
export async function startJanus(secret = randomBytes(18).toString("base64url")): Promise<RunningJanus> {
  const id = process.pid % 100_000;
  const ns = `osec-janus-${id}`;
  const hostIf = `ojh${id}`;
  const nsIf = `ojn${id}`;
  // A /30 per process id, so two test files running at once never share addresses.
  const block = (process.pid % 16_000) * 4;
  const net = `10.${200 + Math.floor(block / 65_536)}.${Math.floor(block / 256) % 256}`;
  const last = block % 256;
  const hostAddress = `${net}.${last + 1}`;
  const janusAddress = `${net}.${last + 2}`;
  removeNamespace(ns, hostIf);
  ip("netns", "add", ns);
  ip("link", "add", hostIf, "type", "veth", "peer", "name", nsIf);
  ip("link", "set", nsIf, "netns", ns);
  ip("addr", "add", `${hostAddress}/30`, "dev", hostIf);
  ip("link", "set", hostIf, "up");
  ip("-n", ns, "addr", "add", `${janusAddress}/30`, "dev", nsIf);
  ip("-n", ns, "link", "set", nsIf, "up");
  ip("-n", ns, "link", "set", "lo", "up");

  const dir = mkdtempSync(path.join(os.tmpdir(), "orchestrasec-janus-"));
  const port = 8188;
  writeConfig(dir, { secret, iface: nsIf, address: janusAddress, port });
  const child: ChildProcess = spawn(
    "ip",
    ["netns", "exec", ns, JANUS_BIN, "-C", path.join(dir, "janus.jcfg"), "-F", dir, "-o", "-E", nsIf],
    { stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((r) => {
        child.once("exit", r);
        setTimeout(r, 5_000);
      });
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
    }
    removeNamespace(ns, hostIf);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  while (!/WebSockets server started/i.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Janus did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `ws://${janusAddress}:${port}`,
    secret,
    hostAddress,
    pid: child.pid!,
    output: () => output,
    stop,
  };
}
