"use client";
import { useEffect, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import type { EphemeralListeners } from "@/components/room/ephemeral-listeners";
import { STROKE_CHUNK_MAX, extendStroke, type LiveStroke } from "@/core/board/live";
import type { Point } from "@/core/board/shapes";

/**
 * Strokes in progress on other screens, and the sending of one's own: the points drawn since the
 * last message leave once per animation frame (never one message per point), on the ephemeral
 * "stroke" channel. Everything in progress is dropped when the floor passes or the sender's
 * finished shape is folded (`resetKey` changes).
 */
export function useLiveStrokes(meetingId: string, ephemeral: EphemeralListeners, resetKey: string) {
  const trpc = useTRPC();
  const send = useMutation(trpc.live.send.mutationOptions({ trpc: { context: { live: true } } }));
  const [others, setOthers] = useState<Record<string, LiveStroke>>({});
  const [pointers, setPointers] = useState<Record<string, Point>>({});
  const pending = useRef<{
    stroke: Omit<LiveStroke, "start" | "points">;
    points: Point[];
    sent: number;
  } | null>(null);
  const frame = useRef<number | null>(null);

  useEffect(
    () =>
      ephemeral.on((m) => {
        if (m.channel === "stroke") {
          const body = m.body as LiveStroke;
          setOthers((o) => ({ ...o, [m.from]: extendStroke(o[m.from], body) }));
          const last = body.points.at(-1);
          if (last) setPointers((p) => ({ ...p, [m.from]: last }));
        } else if (m.channel === "pointer") {
          const { x, y } = m.body as { x: number; y: number };
          setPointers((p) => ({ ...p, [m.from]: [x, y] }));
        }
      }),
    [ephemeral],
  );
  useEffect(() => {
    setOthers({});
    pending.current = null;
  }, [resetKey]);

  const flush = () => {
    frame.current = null;
    const p = pending.current;
    if (!p || p.points.length <= p.sent) return;
    const start = p.sent;
    const points = p.points.slice(start, start + STROKE_CHUNK_MAX);
    p.sent = start + points.length;
    send.mutate({ meetingId, channel: "stroke", body: { ...p.stroke, start, points } });
    if (p.sent < p.points.length) frame.current = requestAnimationFrame(flush);
  };
  const schedule = () => {
    if (frame.current === null) frame.current = requestAnimationFrame(flush);
  };

  return {
    others: Object.values(others),
    /** Who has a stroke in progress on this screen. */
    drawers: Object.keys(others),
    pointers,
    /** The stroke so far (whole list of points; only what is new is sent). */
    progress(stroke: Omit<LiveStroke, "start" | "points">, points: readonly Point[]) {
      const p = pending.current;
      // A shape tool redraws from its first point: start over from index 0 each frame.
      const restart =
        !p || p.stroke.id !== stroke.id || (stroke.tool !== "pen" && stroke.tool !== "highlighter");
      pending.current = { stroke, points: [...points], sent: restart ? 0 : p.sent };
      schedule();
    },
    end() {
      pending.current = null;
    },
    /** `userId`'s stroke is finished (its shape was folded): stop showing it in progress. */
    drop(userId: string) {
      setOthers(({ [userId]: _gone, ...rest }) => rest);
    },
  };
}
