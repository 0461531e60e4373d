"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "@/lib/trpc/react";
import { Button } from "@/components/ui/Button";
import { focusHome } from "@/lib/a11y/focus";
import type { RoomView } from "@/core/room/stream";
import { can } from "@/core/permissions";
import { viewerKind } from "@/core/room/disclose";
import { RefusalText } from "@/components/ui/RefusalText";
import {
  audioOnlySeat,
  featuredId,
  isSeated,
  mayShareScreen,
  meshLinks,
  micMayOpen,
  MESH_VIDEO_SEATS,
} from "@/core/video/video";
import type { SignalBody } from "@/lib/schemas/video";
import type { EphemeralListeners } from "@/components/room/ephemeral-listeners";
import type { MediaTopology } from "./mesh";
import { createTopology } from "./topology";
import { acquire, DevicePicker, mediaError, type DeviceChoice } from "./DevicePicker";

type Announced = Record<string, { microphone: boolean; camera: boolean }>;

function Tile(props: {
  stream: MediaStream | null;
  label: string;
  featured: boolean;
  muted: boolean;
  userId: string;
  onMute: (() => void) | null;
  muteLabel: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== props.stream) ref.current.srcObject = props.stream;
  }, [props.stream]);
  return (
    <figure
      className={`relative overflow-hidden rounded-lg bg-slate-900 ${props.featured ? "col-span-full aspect-video" : "aspect-video"}`}
      data-testid={props.featured ? "video-featured" : "video-tile"}
      data-user={props.userId}
    >
      {/* A figure is named by its caption: a role of its own is not allowed on it (axe). */}
      <video ref={ref} autoPlay playsInline muted={props.muted} className="h-full w-full object-cover" />
      <figcaption className="absolute bottom-1 left-1 rounded bg-black/60 px-2 py-0.5 text-xs text-white">
        {props.label}
      </figcaption>
      {props.onMute && (
        <button
          type="button"
          onClick={props.onMute}
          className="absolute top-1 right-1 rounded bg-black/60 px-2 py-0.5 text-xs text-white focus:ring-2 focus:ring-white"
        >
          {props.muteLabel}
        </button>
      )}
    </figure>
  );
}

/** The video call of the room: join with camera and/or microphone, tiles, the holder featured. */
export function VideoPanel({ view, ephemeral }: { view: RoomView; ephemeral: EphemeralListeners }) {
  const t = useTranslations("video");
  const tr = useTranslations("meetings.roles");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const meetingId = view.state.meetingId;
  const me = view.viewer.userId;
  const { video, token, people, members } = view.state;
  const seated = isSeated(video, me);
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [micOn, setMicOn] = useState(false);
  const [cameraOn, setCameraOn] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [screen, setScreen] = useState<MediaStreamTrack | null>(null);
  const [remote, setRemote] = useState<Record<string, MediaStream | null>>({});
  const [announced, setAnnounced] = useState<Announced>({});
  const topology = useRef<MediaTopology | null>(null);
  const ice = useQuery(trpc.video.iceServers.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const join = useMutation(trpc.video.join.mutationOptions());
  const leave = useMutation(trpc.video.leave.mutationOptions());
  const mute = useMutation(trpc.video.mute.mutationOptions());
  const policy = useMutation(trpc.video.setMicPolicy.mutationOptions());
  const kind = viewerKind(view.state, view.viewer);
  const mayMute = can(kind, "video.mute", view.state.phase);
  const maySetPolicy = can(kind, "video.micPolicy", view.state.phase);
  const failed = join.error ?? leave.error ?? mute.error ?? policy.error;
  const send = useMutation(trpc.live.send.mutationOptions());
  const sendRef = useRef(send.mutateAsync);
  sendRef.current = send.mutateAsync;

  const mayOpen = micMayOpen(video, token, me);
  const mySeat = video.seats.find((s) => s.userId === me);
  const online = useMemo(() => new Set(view.online), [view.online]);
  const links = useMemo(() => meshLinks(video, token, me, online), [video, token, me, online]);
  const mayShare = mayShareScreen(video, token, me);
  const localRef = useRef(local);
  localRef.current = local;
  const linksRef = useRef(links);
  linksRef.current = links;

  // Signals and media states are heard all the time; signals wait for the mesh if it is not there yet.
  const early = useRef<{ from: string; body: SignalBody }[]>([]);
  useEffect(
    () =>
      ephemeral.on((m) => {
        if (m.channel === "signal") {
          const body = m.body as SignalBody;
          if (topology.current) topology.current.receive(m.from, body);
          else early.current.push({ from: m.from, body });
        }
        if (m.channel === "media")
          setAnnounced((a) => ({ ...a, [m.from]: m.body as { microphone: boolean; camera: boolean } }));
      }),
    [ephemeral],
  );

  // The mesh lives while we are in the call.
  useEffect(() => {
    if (!seated || !ice.data) return;
    const mesh = createTopology(ice.data.topology, {
      me,
      meetingId,
      client,
      iceServers: ice.data.iceServers as RTCIceServer[],
      send: (to, body) =>
        void sendRef.current({ meetingId, channel: "signal", to, body }).catch(() => undefined),
      onRemote: (userId, stream) => setRemote((r) => ({ ...r, [userId]: stream })),
    });
    topology.current = mesh;
    // Our tracks and links first: a connection opened by an early offer then answers with them.
    mesh.setLocalStream(localRef.current);
    mesh.sync(linksRef.current);
    // Signals that came before the mesh (a peer saw our join before this page folded it).
    for (const { from, body } of early.current.splice(0)) mesh.receive(from, body);
    return () => {
      mesh.close();
      topology.current = null;
      setRemote({});
    };
  }, [seated, ice.data, me, meetingId, ephemeral, client]);

  useEffect(() => topology.current?.setLocalStream(local), [local, seated, ice.data]);
  useEffect(() => topology.current?.sync(links), [links, seated, ice.data]);
  useEffect(() => topology.current?.setScreen(screen), [screen, seated, ice.data]);

  // The screen is shared while the floor allows it: it stops when the floor passes.
  useEffect(() => {
    if (!mayShare) setScreen(null);
  }, [mayShare]);
  useEffect(() => () => screen?.stop(), [screen]);

  // The floor decides: a microphone that may no longer be open is closed, as is one a facilitator muted.
  useEffect(() => {
    if (!mayOpen) setMicOn(false);
  }, [mayOpen, token.holder?.userId]);
  useEffect(() => {
    if (mySeat?.mutedAt) setMicOn(false);
  }, [mySeat?.mutedAt]);
  useEffect(() => {
    for (const track of local?.getAudioTracks() ?? []) track.enabled = micOn;
    for (const track of local?.getVideoTracks() ?? []) track.enabled = cameraOn;
    if (seated)
      void sendRef
        .current({
          meetingId,
          channel: "media",
          body: { microphone: micOn, camera: cameraOn, screen: screen !== null },
        })
        .catch(() => undefined);
  }, [micOn, cameraOn, local, seated, meetingId, screen]);

  // Leaving the room page, or the call, releases the devices.
  useEffect(() => () => local?.getTracks().forEach((track) => track.stop()), [local]);

  const start = async (stream: MediaStream | null, choice: DeviceChoice) => {
    setProblem(null);
    setLocal(stream);
    setCameraOn(choice.camera);
    setMicOn(false);
    await join.mutateAsync({ meetingId, camera: choice.camera, microphone: choice.microphone });
  };
  const shareScreen = async () => {
    setProblem(null);
    try {
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      const track = display.getVideoTracks()[0] ?? null;
      // The browser's own "stop sharing" ends the track: the call shows the camera again.
      if (track) track.onended = () => setScreen((s) => (s === track ? null : s));
      setScreen(track);
    } catch (error) {
      setProblem(t(`errors.${mediaError(error)}`));
    }
  };
  // Still in the call after a reload or a tab the browser threw away (the seat is in the log,
  // the devices were the old page's): the camera and microphone it joined with open again by
  // themselves, once per stay in the call, never while leaving it.
  const resumed = useRef(false);
  useEffect(() => {
    if (!mySeat) {
      resumed.current = false;
      return;
    }
    if (local || resumed.current) return;
    resumed.current = true;
    const { camera, microphone } = mySeat;
    acquire({ camera, microphone, cameraId: "", microphoneId: "" }).then(
      (stream) => {
        setCameraOn(camera);
        setLocal(stream);
      },
      (error: unknown) => setProblem(t(`errors.${mediaError(error)}`)),
    );
  }, [mySeat, local, t]);

  const stop = async () => {
    resumed.current = true;
    await leave.mutateAsync({ meetingId });
    setScreen(null);
    setLocal(null);
  };
  // Our own tile shows what we send: the shared screen while sharing.
  const mine = useMemo(() => (screen ? new MediaStream([screen]) : local), [screen, local]);

  const featured = featuredId(video, token);
  const roleOf = (id: string) => members.find((m) => m.userId === id)?.role ?? "OBSERVER";
  const label = (id: string) => {
    const a = id === me ? { microphone: micOn, camera: cameraOn } : announced[id];
    return t("tile", {
      name: people[id] ?? "?",
      role: tr(roleOf(id)),
      mic: a?.microphone ? "on" : "off",
      camera: a?.camera === false ? "off" : "on",
      featured: id === featured ? "yes" : "no",
    });
  };
  const ids = seated ? video.seats.map((s) => s.userId).filter((id) => id === me || online.has(id)) : [];
  const ordered =
    featured && ids.includes(featured) ? [featured, ...ids.filter((id) => id !== featured)] : ids;

  return (
    <section
      className="rounded-xl bg-white p-4 shadow-sm"
      aria-labelledby="video-heading"
      data-testid="video-panel"
    >
      {/* Where focus goes when Join or Leave, pressed, gives way to the other controls. */}
      <h2 id="video-heading" {...focusHome} className="mb-3 text-lg font-semibold">
        {t("heading")}
      </h2>
      {!seated ? (
        <DevicePicker busy={join.isPending} onJoin={(stream, choice) => void start(stream, choice)} />
      ) : (
        <div className="space-y-3">
          <div className="flex flex-wrap gap-2">
            <Button
              onClick={() => setMicOn(!micOn)}
              disabled={!mayOpen || !local?.getAudioTracks().length}
              aria-pressed={micOn}
              data-testid="video-mic"
            >
              {micOn ? t("micOff") : t("micOn")}
            </Button>
            <Button
              onClick={() => setCameraOn(!cameraOn)}
              disabled={!local?.getVideoTracks().length}
              aria-pressed={cameraOn}
            >
              {cameraOn ? t("cameraOff") : t("cameraOn")}
            </Button>
            <Button
              onClick={() => (screen ? setScreen(null) : void shareScreen())}
              disabled={!mayShare}
              aria-pressed={screen !== null}
              aria-describedby={mayShare ? undefined : "video-screen-hint"}
              data-testid="video-screen"
            >
              {screen ? t("stopScreen") : t("shareScreen")}
            </Button>
            <Button onClick={() => void stop()} disabled={leave.isPending} data-testid="video-leave">
              {t("leave")}
            </Button>
          </div>
          {maySetPolicy && (
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={video.micPolicy === "OPEN"}
                disabled={policy.isPending}
                onChange={(e) => policy.mutate({ meetingId, policy: e.target.checked ? "OPEN" : "FLOOR" })}
                data-testid="video-open-mics"
              />
              {t("openMics")}
            </label>
          )}
          {!mayOpen && <p className="text-sm text-slate-600">{t("floorOnly")}</p>}
          {!mayShare && (
            <p id="video-screen-hint" className="text-sm text-slate-600">
              {t("screenHolderOnly")}
            </p>
          )}
          {audioOnlySeat(video, me, ice.data?.topology ?? "mesh") && (
            <p className="text-sm text-amber-700">{t("audioOnly", { seats: MESH_VIDEO_SEATS })}</p>
          )}
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            {ordered.map((id) => (
              <Tile
                key={id}
                userId={id}
                stream={id === me ? mine : (remote[id] ?? null)}
                label={label(id)}
                featured={id === featured}
                muted={id === me}
                onMute={
                  mayMute && id !== me && announced[id]?.microphone
                    ? () => mute.mutate({ meetingId, userId: id })
                    : null
                }
                muteLabel={t("mute", { name: people[id] ?? "?" })}
              />
            ))}
          </div>
        </div>
      )}
      {failed && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          <RefusalText error={failed} />
        </p>
      )}
      {problem && (
        <p role="alert" className="mt-2 text-sm text-rose-700" data-testid="video-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
