import type { SignalBody } from "@/lib/schemas/video";
import type { MeshLink } from "@/core/video/video";

// How the call's media travel. One interface, so an SFU can take the mesh's place for larger
// meetings: the panel says who should be connected and hands over the signals it receives.

export interface MediaTopology {
  /** The people to exchange media with now, and to whom our picture goes; anyone else is disconnected. */
  sync(links: readonly MeshLink[]): void;
  /** Our own camera and microphone (null: none). */
  setLocalStream(stream: MediaStream | null): void;
  /** A shared screen shown in place of the camera (null: the camera again). */
  setScreen(track: MediaStreamTrack | null): void;
  /** A signal from `from`, stamped by the server. */
  receive(from: string, body: SignalBody): void;
  close(): void;
}

/** A candidate kept until the description of its connection has come. */
type EarlyCandidate = RTCIceCandidateInit & { session: string };

interface Peer {
  pc: RTCPeerConnection;
  /** Our connection's id, on every signal we send on it. */
  session: string;
  /** The other side's connection's id, once a description of theirs came (see schemas/video.ts). */
  remote: string | null;
  /** Whether our picture goes to this person (the core's `sendsVideo`). */
  sendVideo: boolean;
  /** Our senders, kept because a sender whose track was replaced by null no longer tells its kind. */
  audio: RTCRtpSender | null;
  video: RTCRtpSender | null;
  /**
   * Candidates that came before any description: signals are separate mutations, so the server
   * may pass a candidate on before the offer it belongs to, and addIceCandidate without a remote
   * description throws (the candidate would be lost).
   */
  early: EarlyCandidate[];
  /** Signals from this peer, handled one after the other in the order they arrived. */
  queue: Promise<void>;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
  /** Whether our media (or our wish to receive) is on the connection yet; see `connect`. */
  armed: boolean;
  /** Pending: the polite side's wait for the first offer, then the check that the link came up. */
  timer: ReturnType<typeof setTimeout> | null;
}

/** How long the polite side of a new pair waits for the other's offer before offering itself. */
const OFFER_WAIT_MS = 2_000;
/** How long a new or renegotiated connection may take to come up before ICE starts again. */
const CONNECT_WAIT_MS = 10_000;

/**
 * Peer-to-peer: one RTCPeerConnection per other person, with MDN's perfect negotiation (the
 * "polite" side of each pair, decided by comparing ids, yields when both offer at once), and an
 * ICE restart when a connection fails (a network drop). Which picture goes where (the camera,
 * the screen, none past the mesh's video seats) changes with RTCRtpSender.replaceTrack, which
 * needs no renegotiation.
 */
export class MeshTopology implements MediaTopology {
  private readonly peers = new Map<string, Peer>();
  private local: MediaStream | null = null;
  private screen: MediaStreamTrack | null = null;
  /** The last sync's links: a peer whose offer comes first gets the picture sync decided for it. */
  private links = new Map<string, boolean>();

  constructor(
    private readonly me: string,
    private readonly iceServers: RTCIceServer[],
    private readonly send: (to: string, body: SignalBody) => void,
    private readonly onRemote: (userId: string, stream: MediaStream | null) => void,
  ) {}

  sync(links: readonly MeshLink[]): void {
    const wanted = new Map(links.map((l) => [l.userId, l.sendVideo]));
    this.links = wanted;
    for (const id of [...this.peers.keys()]) if (!wanted.has(id)) this.drop(id, true);
    for (const [id, sendVideo] of wanted) {
      if (id === this.me) continue;
      const peer = this.peers.get(id) ?? this.connect(id);
      if (peer.sendVideo !== sendVideo) {
        peer.sendVideo = sendVideo;
        this.attach(peer);
      }
    }
  }

  setLocalStream(stream: MediaStream | null): void {
    this.local = stream;
    for (const peer of this.peers.values()) this.attach(peer);
  }

  setScreen(track: MediaStreamTrack | null): void {
    this.screen = track;
    for (const peer of this.peers.values()) this.attach(peer);
  }

  receive(from: string, body: SignalBody): void {
    let peer = this.peers.get(from);
    const stale = !!peer?.remote && body.session !== peer.remote;
    if (body.kind === "bye") {
      if (!stale) this.drop(from, false);
      return;
    }
    if (peer && stale) {
      // Perhaps the candidate of a new connection of theirs, ahead of its offer.
      if (body.kind === "candidate") return void peer.early.push(candidateOf(body));
      // The answer to an offer of a connection they no longer have.
      if (body.type === "answer") return;
      // A new connection (their page reloaded, or they dropped ours while our live link was
      // down and we missed their goodbye): ours gives way, keeping the candidates that are its.
      const carried = peer.early.filter((c) => c.session === body.session);
      this.drop(from, false);
      peer = this.connect(from);
      peer.early = carried;
    }
    peer ??= this.connect(from);
    const target = peer;
    peer.queue = peer.queue
      .then(() => this.handle(from, target, body))
      .catch((error: unknown) => console.warn("video signal", error));
  }

  close(): void {
    for (const id of [...this.peers.keys()]) this.drop(id, true);
  }

  private connect(id: string): Peer {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    const peer: Peer = {
      pc,
      session: crypto.randomUUID(),
      remote: null,
      polite: this.me > id,
      makingOffer: false,
      ignoreOffer: false,
      // A signal can open a connection before our own fold has the peer: no picture until sync says.
      sendVideo: this.links.get(id) ?? false,
      audio: null,
      video: null,
      early: [],
      queue: Promise.resolve(),
      armed: false,
      timer: null,
    };
    this.peers.set(id, peer);
    pc.onnegotiationneeded = async () => {
      try {
        peer.makingOffer = true;
        await pc.setLocalDescription();
        const d = pc.localDescription;
        if (d)
          this.send(id, {
            kind: "description",
            session: peer.session,
            type: d.type as "offer" | "answer",
            sdp: d.sdp,
          });
      } finally {
        peer.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate)
        this.send(id, {
          kind: "candidate",
          session: peer.session,
          candidate: candidate.candidate,
          sdpMid: candidate.sdpMid,
          sdpMLineIndex: candidate.sdpMLineIndex,
        });
    };
    pc.ontrack = ({ streams, track }) => this.onRemote(id, streams[0] ?? new MediaStream([track]));
    pc.oniceconnectionstatechange = () => {
      if (pc.iceConnectionState === "failed") pc.restartIce();
    };
    // Both people of a pair usually connect at the same moment (each folds the other's join), and
    // if both offered, the polite one would roll its offer back while it gathers candidates, which
    // in Chromium 156 sometimes leaves that side gathering none, ever (the e2e caught it in about
    // half its runs). So the impolite side offers; the polite side puts its media on the
    // connection when the offer comes, or offers itself if none came in OFFER_WAIT_MS.
    if (peer.polite) peer.timer = setTimeout(() => this.arm(peer), OFFER_WAIT_MS);
    else this.arm(peer);
    return peer;
  }

  /** Puts our side on the connection (the first negotiation follows if we are first), then watches it come up. */
  private arm(peer: Peer): void {
    if (peer.armed) return;
    peer.armed = true;
    if (peer.timer) clearTimeout(peer.timer);
    const { pc } = peer;
    // Receive even without sending (someone who joined without a camera still sees the others);
    // an offer already received brought the transceivers to receive on.
    if (!this.local && pc.getTransceivers().length === 0)
      for (const kind of ["audio", "video"]) pc.addTransceiver(kind, { direction: "recvonly" });
    this.attach(peer);
    // A link that never comes up (a stalled gathering, a lost candidate) starts ICE again, from
    // the impolite side only, so that the two sides do not both restart at once.
    peer.timer = setTimeout(() => {
      if (!peer.polite && pc.connectionState !== "connected" && pc.connectionState !== "closed")
        pc.restartIce();
    }, CONNECT_WAIT_MS);
  }

  /** Puts our microphone and our picture (screen, else camera; none if withheld) on the connection. */
  private attach(peer: Peer): void {
    if (!peer.armed) return;
    const audio = this.local?.getAudioTracks()[0] ?? null;
    const picture = this.screen ?? this.local?.getVideoTracks()[0] ?? null;
    const video = peer.sendVideo ? picture : null;
    peer.audio = this.put(peer, peer.audio, audio);
    peer.video = this.put(peer, peer.video, video);
  }

  /** The track on a sender: replaced in place once the sender exists, added (one negotiation) before. */
  private put(peer: Peer, sender: RTCRtpSender | null, track: MediaStreamTrack | null): RTCRtpSender | null {
    if (sender) {
      if (sender.track !== track)
        void sender.replaceTrack(track).catch((e: unknown) => console.warn("video track", e));
      return sender;
    }
    if (!track) return null;
    // The camera's stream, so that the other side hears and sees one stream in one tile.
    return peer.pc.addTrack(track, this.local ?? new MediaStream([track]));
  }

  private async handle(from: string, peer: Peer, body: Exclude<SignalBody, { kind: "bye" }>): Promise<void> {
    const { pc } = peer;
    if (body.kind === "description") {
      peer.remote ??= body.session;
      const collision = body.type === "offer" && (peer.makingOffer || pc.signalingState !== "stable");
      peer.ignoreOffer = !peer.polite && collision;
      if (peer.ignoreOffer) return;
      await pc.setRemoteDescription({ type: body.type, sdp: body.sdp });
      for (const c of peer.early.splice(0))
        if (c.session === peer.remote) await pc.addIceCandidate(c).catch(() => undefined);
      if (body.type === "offer") {
        // Our tracks go on the offered transceivers, so the answer carries them (no second round).
        this.arm(peer);
        await pc.setLocalDescription();
        const d = pc.localDescription;
        if (d) this.send(from, { kind: "description", session: peer.session, type: "answer", sdp: d.sdp });
      }
      return;
    }
    const candidate = candidateOf(body);
    if (!pc.remoteDescription || body.session !== peer.remote) {
      peer.early.push(candidate);
      return;
    }
    try {
      await pc.addIceCandidate(candidate);
    } catch (error) {
      if (!peer.ignoreOffer) throw error;
    }
  }

  private drop(id: string, sayBye: boolean): void {
    const peer = this.peers.get(id);
    if (!peer) return;
    this.peers.delete(id);
    if (peer.timer) clearTimeout(peer.timer);
    peer.pc.close();
    this.onRemote(id, null);
    if (sayBye) this.send(id, { kind: "bye", session: peer.session });
  }
}

const candidateOf = (body: Extract<SignalBody, { kind: "candidate" }>): EarlyCandidate => ({
  session: body.session,
  candidate: body.candidate,
  sdpMid: body.sdpMid,
  sdpMLineIndex: body.sdpMLineIndex,
});
