import Janode, { type JanodeHandle, type JanodeSession } from "janode";
import VideoRoomPlugin, { type VideoRoomHandle } from "janode/plugins/videoroom";

// One connection and one session with Janus for this process; every publisher and subscriber
// is a handle on it. Connected when first needed, and again after Janus or the network dropped
// it (the next request reconnects instead of failing for ever).

export type RoomHandle = VideoRoomHandle & JanodeHandle;

interface JanusConfig {
  url: string;
  /** Janus's api_secret. */
  secret: string;
}

/** Seconds between the session's keep-alives (Janus drops a silent session after 60). */
const KEEPALIVE_SECONDS = 20;

export class JanusSession {
  private session: Promise<{ close(): Promise<void>; session: JanodeSession }> | null = null;
  private readonly lost = new Set<() => void>();

  constructor(private readonly config: JanusConfig) {
    Janode.Logger.setLevel("error");
  }

  /** A new VideoRoom handle. */
  async handle(): Promise<RoomHandle> {
    const { session } = await this.open();
    return session.attach(VideoRoomPlugin);
  }

  /** Calls `listener` when the session is gone (its handles with it; Janus may have restarted). */
  onLost(listener: () => void): void {
    this.lost.add(listener);
  }

  async close(): Promise<void> {
    const open = this.session;
    this.session = null;
    await open?.then((s) => s.close()).catch(() => undefined);
  }

  private open() {
    if (this.session) return this.session;
    const opening = (async () => {
      const connection = await Janode.connect({
        address: { url: this.config.url, apisecret: this.config.secret },
        // Fail fast: a caller waiting on a publish should hear "unavailable", not hang.
        retry_time_secs: 1,
        max_retries: 1,
      });
      const forget = () => {
        if (this.session !== opening) return;
        this.session = null;
        for (const listener of this.lost) listener();
      };
      connection.on(Janode.EVENT.CONNECTION_CLOSED, forget);
      connection.on(Janode.EVENT.CONNECTION_ERROR, forget);
      const session = await connection.create(KEEPALIVE_SECONDS);
      session.on(Janode.EVENT.SESSION_DESTROYED, forget);
      return { session, close: () => connection.close() };
    })();
    opening.catch(() => {
      if (this.session === opening) this.session = null;
    });
    this.session = opening;
    return opening;
  }
}
