import type { SignalBody } from "@/lib/schemas/video";
import type { MeshLink } from "@/core/video/video";
import { refusalOf } from "@/lib/errors/refusal";
import type { MediaTopology } from "./mesh";

// Through the SFU: one connection up (our camera and microphone, published once whatever the
// size of the call) and one down per person we see. The SDP goes through the app's procedures,
// which pass it to Janus: the browser never reaches Janus's API, only its media port.

/** The app's SFU procedures for one meeting (the tRPC client behind them rides the room's socket). */
export interface SfuClient {
  /** Our offer; resolves to the SFU's answer. */
  publish(sdp: string): Promise<string>;
  /** Resolves to the SFU's offer for `feedOf`'s media. */
  subscribe(feedOf: string): Promise<string>;
  answer(feedOf: string, sdp: string): Promise<void>;
  unsubscribe(feedOf: string): Promise<void>;
}

/** How long to wait for ICE candidates before sending an offer or answer with those found so far. */
const GATHER_MS = 3_000;
/** How soon to ask again for someone whose media have not reached the SFU yet (they just joined). */
const RETRY_MS = 1_000;

/**
 * Waits until the connection has gathered its candidates (or GATHER_MS): the SDP then carries
 * them all, as Janus's answers carry its own, so no candidate needs to travel on its own.
 */
async function gathered(pc: RTCPeerConnection): Promise<string> {
  if (pc.iceGatheringState !== "complete")
    await new Promise<void>((done) => {
      const timer = setTimeout(done, GATHER_MS);
      pc.addEventListener("icegatheringstatechange", () => {
        if (pc.iceGatheringState !== "complete") return;
        clearTimeout(timer);
        done();
      });
    });
  return pc.localDescription?.sdp ?? "";
}

/** Did the server refuse because `feedOf` publishes nothing yet? (Worth asking again shortly.) */
const notPublishingYet = (error: unknown) => refusalOf(error)?.code === "PEER_NOT_PUBLISHING";

export class JanusTopology implements MediaTopology {
  private publisher: RTCPeerConnection | null = null;
  private published: MediaStream | null = null;
  private screen: MediaStreamTrack | null = null;
  private readonly feeds = new Map<string, RTCPeerConnection | null>();
  private closed = false;

  constructor(
    private readonly me: string,
    private readonly iceServers: RTCIceServer[],
    private readonly sfu: SfuClient,
    private readonly onRemote: (userId: string, stream: MediaStream | null) => void,
  ) {}

  /**
   * Receives everyone linked. A link's `sendVideo` (the mesh's video seats) does not apply: we
   * upload once to the SFU, whatever the size of the call.
   */
  sync(links: readonly MeshLink[]): void {
    const wanted = links.map((l) => l.userId);
    for (const id of [...this.feeds.keys()]) if (!wanted.includes(id)) this.drop(id, true);
    for (const id of wanted) if (id !== this.me && !this.feeds.has(id)) this.watch(id);
  }

  /** The screen goes in place of the camera on the one upload (replaceTrack: no renegotiation). */
  setScreen(track: MediaStreamTrack | null): void {
    this.screen = track;
    void this.videoSender()
      ?.replaceTrack(track ?? this.published?.getVideoTracks()[0] ?? null)
      .catch((error: unknown) => console.warn("video screen", error));
  }

  setLocalStream(stream: MediaStream | null): void {
    if (stream === this.published) return;
    this.published = stream;
    this.publisher?.close();
    this.publisher = null;
    if (stream) this.publishSoon(stream, 0);
  }

  /** The mesh's signals: none travel between browsers through an SFU. */
  receive(_from: string, _body: SignalBody): void {}

  close(): void {
    this.closed = true;
    for (const id of [...this.feeds.keys()]) this.drop(id, false);
    this.publisher?.close();
    this.publisher = null;
  }

  /**
   * Publishes `stream`, and again after a failure (the room's socket dropped mid-request, the
   * SFU restarted) for as long as it is still the stream to send: without it, nobody sees us.
   */
  private publishSoon(stream: MediaStream, delayMs: number): void {
    setTimeout(() => {
      if (this.closed || this.published !== stream) return;
      void this.publish(stream).catch((error: unknown) => {
        console.warn("video publish", error);
        this.publishSoon(stream, RETRY_MS);
      });
    }, delayMs);
  }

  private async publish(stream: MediaStream): Promise<void> {
    this.publisher?.close();
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    this.publisher = pc;
    // Janus gone away from under us (it restarted): publish anew.
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === "failed" && this.publisher === pc) this.publishSoon(stream, RETRY_MS);
    };
    for (const track of stream.getTracks()) {
      const sent = track.kind === "video" && this.screen ? this.screen : track;
      pc.addTransceiver(sent, { direction: "sendonly", streams: [stream] });
    }
    await pc.setLocalDescription();
    const answer = await this.sfu.publish(await gathered(pc));
    if (this.publisher === pc) await pc.setRemoteDescription({ type: "answer", sdp: answer });
  }

  private videoSender(): RTCRtpSender | undefined {
    return this.publisher?.getTransceivers().find((t) => t.receiver.track.kind === "video")?.sender;
  }

  /** Receives `id`'s media, asking again while they have not published yet or after a failure. */
  private watch(id: string): void {
    this.feeds.set(id, null);
    void this.subscribe(id).catch((error: unknown) => {
      if (!notPublishingYet(error)) console.warn("video subscribe", error);
      // A connection half set up (the answer failed) is no use: start again from the offer.
      this.feeds.get(id)?.close();
      if (this.feeds.has(id)) this.feeds.set(id, null);
      setTimeout(() => this.retry(id), RETRY_MS);
    });
  }

  private retry(id: string): void {
    if (this.closed || !this.feeds.has(id) || this.feeds.get(id)) return;
    this.feeds.delete(id);
    this.watch(id);
  }

  private async subscribe(id: string): Promise<void> {
    const offer = await this.sfu.subscribe(id);
    if (this.closed || !this.feeds.has(id)) return void this.sfu.unsubscribe(id).catch(() => undefined);
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    this.feeds.set(id, pc);
    const stream = new MediaStream();
    pc.ontrack = ({ track }) => {
      stream.addTrack(track);
      this.onRemote(id, stream);
    };
    // Their media stopped reaching us (they reloaded and published anew, or the network
    // dropped): subscribe again from scratch.
    pc.onconnectionstatechange = () => {
      if (pc.connectionState !== "failed" || this.feeds.get(id) !== pc) return;
      this.drop(id, true);
      this.watch(id);
    };
    await pc.setRemoteDescription({ type: "offer", sdp: offer });
    await pc.setLocalDescription();
    await this.sfu.answer(id, await gathered(pc));
  }

  private drop(id: string, unsubscribe: boolean): void {
    const pc = this.feeds.get(id);
    this.feeds.delete(id);
    pc?.close();
    this.onRemote(id, null);
    if (unsubscribe && pc) void this.sfu.unsubscribe(id).catch(() => undefined);
  }
}
