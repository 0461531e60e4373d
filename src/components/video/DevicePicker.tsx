"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/Button";
import { ChoiceSelect } from "@/components/ui/ChoiceSelect";

/** What the person chose before joining; an empty device id is the browser's default device. */
export interface DeviceChoice {
  camera: boolean;
  microphone: boolean;
  cameraId: string;
  microphoneId: string;
}

/** Why the browser gave no camera or microphone, as a key of video.errors. */
export function mediaError(error: unknown): "denied" | "noDevice" | "busy" | "other" {
  const name = (error as { name?: string }).name;
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "noDevice";
  if (name === "NotReadableError") return "busy";
  return "other";
}

const constraint = (wanted: boolean, deviceId: string): boolean | MediaTrackConstraints =>
  wanted && (deviceId ? { deviceId: { exact: deviceId } } : true);

/** The chosen camera and microphone (null when neither is wanted); throws the browser's refusal. */
export const acquire = (c: DeviceChoice): Promise<MediaStream | null> =>
  c.camera || c.microphone
    ? navigator.mediaDevices.getUserMedia({
        video: constraint(c.camera, c.cameraId),
        audio: constraint(c.microphone, c.microphoneId),
      })
    : Promise.resolve(null);

const stopAll = (s: MediaStream | null) => s?.getTracks().forEach((track) => track.stop());

function DeviceSelect(props: {
  id: string;
  label: string;
  devices: MediaDeviceInfo[];
  value: string;
  disabled: boolean;
  unnamed: (n: number) => string;
  defaultLabel: string;
  onChoose: (id: string) => void;
}) {
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={props.id}>{props.label}</label>
      <ChoiceSelect
        id={props.id}
        value={props.value}
        busy={props.disabled}
        onChoose={props.onChoose}
        className="rounded border border-slate-300 px-2 py-1"
        data-testid={props.id}
      >
        <option value="">{props.defaultLabel}</option>
        {props.devices.map((d, i) => (
          // Browsers give labels only once the page has been allowed a device.
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || props.unnamed(i + 1)}
          </option>
        ))}
      </ChoiceSelect>
    </div>
  );
}

/**
 * Before joining: camera and microphone wanted or not, which devices, and a live preview of
 * one's own camera. Joining hands over the previewed stream (the camera does not blink off and
 * on); without a preview the chosen devices are opened at the join.
 */
export function DevicePicker(props: {
  busy: boolean;
  onJoin: (stream: MediaStream | null, c: DeviceChoice) => void;
}) {
  const t = useTranslations("video");
  const [choice, setChoice] = useState<DeviceChoice>({
    camera: true,
    microphone: true,
    cameraId: "",
    microphoneId: "",
  });
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [preview, setPreview] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const handedOver = useRef(false);
  const videoRef = useRef<HTMLVideoElement>(null);

  const list = useCallback(async () => {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    setDevices((await navigator.mediaDevices.enumerateDevices()).filter((d) => d.deviceId));
  }, []);
  useEffect(() => {
    navigator.mediaDevices?.addEventListener("devicechange", list);
    return () => navigator.mediaDevices?.removeEventListener("devicechange", list);
  }, [list]);

  useEffect(() => {
    if (videoRef.current) videoRef.current.srcObject = preview;
  }, [preview]);
  // A preview not handed over to the call is released (a new choice, leaving the page).
  useEffect(
    () => () => {
      if (!handedOver.current) stopAll(preview);
    },
    [preview],
  );

  const open = async (c: DeviceChoice): Promise<MediaStream | null | undefined> => {
    setProblem(null);
    try {
      return await acquire(c);
    } catch (error) {
      setProblem(t(`errors.${mediaError(error)}`));
      return undefined;
    }
  };
  const showPreview = async (c: DeviceChoice) => {
    setPreview(null);
    const stream = await open(c);
    if (stream === undefined) return;
    setPreview(stream);
    // The devices are listed with the preview only (their labels come with the permission):
    // listing them at mount, before any permission, left headless Chromium gathering no ICE
    // candidate at all for the next connection in about half the e2e runs.
    void list();
  };
  const choose = (change: Partial<DeviceChoice>) => {
    const next = { ...choice, ...change };
    setChoice(next);
    if (preview) void showPreview(next);
  };
  const join = async () => {
    const stream = preview ?? (await open(choice));
    if (stream === undefined) return;
    handedOver.current = true;
    props.onJoin(stream, choice);
  };

  const of = (kind: MediaDeviceKind) => devices.filter((d) => d.kind === kind);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-4">
        <label className="inline-flex items-center gap-2">
          <input
            type="checkbox"
            checked={choice.camera}
            onChange={(e) => choose({ camera: e.target.checked })}
          />
          {t("camera")}
        </label>
        <label className="inline-flex items-center gap-2">
          <input
            type="checkbox"
            checked={choice.microphone}
            onChange={(e) => choose({ microphone: e.target.checked })}
          />
          {t("microphone")}
        </label>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <DeviceSelect
          id="video-camera-device"
          label={t("cameraDevice")}
          devices={of("videoinput")}
          value={choice.cameraId}
          disabled={!choice.camera}
          unnamed={(n) => t("unnamedCamera", { n })}
          defaultLabel={t("defaultDevice")}
          onChoose={(cameraId) => choose({ cameraId })}
        />
        <DeviceSelect
          id="video-microphone-device"
          label={t("microphoneDevice")}
          devices={of("audioinput")}
          value={choice.microphoneId}
          disabled={!choice.microphone}
          unnamed={(n) => t("unnamedMicrophone", { n })}
          defaultLabel={t("defaultDevice")}
          onChoose={(microphoneId) => choose({ microphoneId })}
        />
      </div>
      {preview?.getVideoTracks().length ? (
        <figure
          className="w-full max-w-xs overflow-hidden rounded-lg bg-slate-900"
          aria-label={t("previewLabel")}
        >
          <video
            ref={videoRef}
            autoPlay
            playsInline
            muted
            className="aspect-video w-full object-cover"
            data-testid="video-preview"
          />
        </figure>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {!preview && (
          <Button
            onClick={() => void showPreview(choice)}
            disabled={!choice.camera}
            data-testid="video-preview-start"
          >
            {t("preview")}
          </Button>
        )}
        <Button onClick={() => void join()} disabled={props.busy} data-testid="video-join">
          {t("join")}
        </Button>
      </div>
      {problem && (
        <p role="alert" className="text-sm text-rose-700" data-testid="video-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
