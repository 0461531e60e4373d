"use client";
import { ChoiceSelect } from "@/components/ui/ChoiceSelect";
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { useRefusalText } from "@/lib/errors/useRefusalText";
import type { RoomPage } from "@/core/room/views";
import type { RoomState } from "@/core/room/state";
import { drawDenial } from "@/core/board/board";
import { STROKE_TOOLS } from "@/core/board/live";
import {
  COLOR_NAMES,
  PALETTE,
  TEXT_MAX,
  WIDTHS,
  simplify,
  type ColorName,
  type Point,
  type Shape,
} from "@/core/board/shapes";
import { TOOLS, labelOf, shapeOf, type Style, type Tool } from "./tools";
import type { Stroke } from "./BoardStage";
import { useLiveStrokes } from "./useLiveStrokes";
import { downloadPng, downloadSvg } from "./downloadBoard";
import type { EphemeralListeners } from "@/components/room/ephemeral-listeners";

// The board needs the browser's canvas: loaded on the client only.
const BoardStage = dynamic(() => import("./BoardStage"), { ssr: false });

const ARROW_STEP = 10;

const isStrokeTool = (tool: Tool): tool is (typeof STROKE_TOOLS)[number] =>
  (STROKE_TOOLS as readonly string[]).includes(tool);

/** The shared canvas card: the board, the tools, and why they are off when one may not draw. */
export function CanvasCard({
  room,
  state,
  ephemeral,
}: {
  room: RoomPage;
  state: RoomState;
  ephemeral: EphemeralListeners;
}) {
  const t = useTranslations("canvas");
  const trpc = useTRPC();
  const [error, setError] = useState<string | null>(null);
  const refusal = useRefusalText();
  const options = {
    trpc: { context: { live: true } },
    onSuccess: () => setError(null),
    onError: (e: unknown) => setError(refusal(e)),
  };
  const draw = useMutation(trpc.annotations.draw.mutationOptions(options));
  const move = useMutation(trpc.annotations.move.mutationOptions(options));
  const erase = useMutation(trpc.annotations.erase.mutationOptions(options));
  const undo = useMutation(trpc.annotations.undo.mutationOptions(options));
  const redo = useMutation(trpc.annotations.redo.mutationOptions(options));
  const clear = useMutation(trpc.annotations.clear.mutationOptions(options));
  const setPolicy = useMutation(trpc.annotations.setPolicy.mutationOptions(options));

  const [tool, setTool] = useState<Tool>("pen");
  const [style, setStyle] = useState<Style>({ color: "blue", width: 4 });
  const [points, setPoints] = useState<Point[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const meetingId = room.meeting.id;
  const canvas = state.canvas;
  const holderId = room.holder?.userId ?? null;

  const roleDenied = room.me.can["board.draw"] !== null;
  const why = roleDenied
    ? t("denied.role")
    : drawDenial(canvas.policy, holderId, room.me.userId, room.me.role);
  const enabled = why === null;
  const mayClear = room.me.can["board.clear"] === null;
  const mayConfigure = room.me.can["meeting.configure"] === null;
  const closed = room.moves.final;

  const live = useLiveStrokes(meetingId, ephemeral, holderId ?? "");
  const [strokeId, setStrokeId] = useState("");
  // A stroke in progress is dropped when the floor passes.
  useEffect(() => setPoints(null), [holderId]);
  // A finished shape replaces its author's stroke in progress.
  const latest = state.recent[0];
  const finishedBy = latest?.event.type === "board.drawn" ? latest.actorId : null;
  const { drop } = live;
  useEffect(() => {
    if (finishedBy) drop(finishedBy);
  }, [finishedBy, latest?.seq, drop]);

  const place = (shape: Shape | null) => shape && draw.mutate({ meetingId, shape });
  // A text or note is typed in place before it is placed (one event, once the author is done).
  const [editor, setEditor] = useState<{ at: Point; tool: "text" | "note"; color: ColorName } | null>(null);
  useEffect(() => setEditor(null), [holderId]);
  const onEdited = (text: string | null) => {
    const typed = text?.trim();
    if (editor && typed) place(labelOf(editor.tool, editor.at, typed.slice(0, TEXT_MAX), editor.color));
    setEditor(null);
  };
  // Where a text or note was pressed: its field opens on release, once the press has moved the
  // focus (a field opened on press would lose it at once to the press's own focus change).
  const textAt = useRef<Point | null>(null);
  const onDown = (p: Point) => {
    if (tool === "text" || tool === "note") {
      textAt.current = p;
      return;
    }
    setPoints([p]);
    setStrokeId(`${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`);
  };
  const onMove = (p: Point) => {
    if (!points) return;
    const last = points[points.length - 1];
    if (last[0] === p[0] && last[1] === p[1]) return;
    const next = tool === "pen" || tool === "highlighter" ? [...points, p] : [points[0], p];
    setPoints(next);
    if (isStrokeTool(tool))
      live.progress({ id: strokeId, tool, color: style.color, width: style.width }, next);
  };
  const onUp = () => {
    const at = textAt.current;
    textAt.current = null;
    // A click elsewhere while typing places what was typed (the field's blur) and starts anew.
    if (at && (tool === "text" || tool === "note")) setEditor({ at, tool, color: style.color });
    if (points) place(shapeOf(tool, simplify(points), style));
    setPoints(null);
    live.end();
  };

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable))
        return;
      if (selected && (e.key === "Delete" || e.key === "Backspace")) {
        erase.mutate({ meetingId, shapeId: selected });
        setSelected(null);
        return;
      }
      const arrows: Record<string, [number, number]> = {
        ArrowLeft: [-ARROW_STEP, 0],
        ArrowRight: [ARROW_STEP, 0],
        ArrowUp: [0, -ARROW_STEP],
        ArrowDown: [0, ARROW_STEP],
      };
      const step = arrows[e.key];
      if (selected && step) {
        e.preventDefault();
        move.mutate({ meetingId, shapeId: selected, dx: step[0], dy: step[1] });
        return;
      }
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z") {
        e.preventDefault();
        if (e.shiftKey) redo.mutate({ meetingId });
        else undo.mutate({ meetingId });
        return;
      }
      const hit = TOOLS.find((x) => x.key === e.key);
      if (hit && !e.ctrlKey && !e.metaKey && !e.altKey) setTool(hit.tool);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled, selected, meetingId, erase, move, undo, redo]);

  const strokes: Stroke[] = [
    ...live.others.map((s) => ({ tool: s.tool, color: s.color, width: s.width, points: s.points })),
    ...(points ? [{ tool, color: style.color, width: style.width, points }] : []),
  ];
  const cursors = Object.entries(live.pointers)
    .filter(([userId]) => userId === holderId)
    .map(([userId, at]) => ({ name: room.people[userId] ?? "?", at }));
  // Off is aria-disabled, never the native attribute: a button that turns natively disabled while
  // focused (the floor passing) drops the keyboard's focus to the page.
  const only = (ok: boolean, run: () => unknown) => ({
    "aria-disabled": ok ? undefined : true,
    onClick: ok ? () => void run() : undefined,
  });
  const btn = (active: boolean) =>
    `rounded-md px-2 py-1 text-sm ring-1 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 ${
      active ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300"
    }`;

  return (
    <section
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
      aria-labelledby="canvas-heading"
      data-testid="canvas-card"
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="canvas-heading" className="text-lg font-semibold text-slate-900">
          {t("heading")}
        </h2>
        {mayConfigure && !closed && (
          <label className="flex items-center gap-2 text-sm text-slate-600">
            {t("policy.label")}
            <ChoiceSelect
              className="rounded-md border border-slate-300 px-2 py-1"
              value={canvas.policy}
              data-testid="draw-policy"
              busy={setPolicy.isPending}
              onChoose={(v) => setPolicy.mutate({ meetingId, drawPolicy: v as typeof canvas.policy })}
            >
              <option value="HOLDER">{t("policy.HOLDER")}</option>
              <option value="HOLDER_AND_FACILITATORS">{t("policy.HOLDER_AND_FACILITATORS")}</option>
            </ChoiceSelect>
          </label>
        )}
      </div>
      {/* A closed meeting's board is its record: shown and downloadable, no longer drawn on. */}
      {closed ? (
        <p className="mb-2 text-sm text-slate-600" data-testid="canvas-closed">
          {t("closed")}
        </p>
      ) : (
        <>
          <div role="toolbar" aria-label={t("tools")} className="mb-2 flex flex-wrap gap-1">
            {TOOLS.map(({ tool: x, key }) => (
              <button
                key={x}
                type="button"
                className={btn(tool === x)}
                {...only(enabled, () => setTool(x))}
                aria-pressed={tool === x}
                title={`${t(`tool.${x}`)} (${key.toUpperCase()})`}
                data-testid={`tool-${x}`}
              >
                {t(`tool.${x}`)}
              </button>
            ))}
            {(["undo", "redo"] as const).map((step) => (
              <button
                key={step}
                type="button"
                className={btn(false)}
                {...only(enabled, () => (step === "undo" ? undo : redo).mutate({ meetingId }))}
                data-testid={`canvas-${step}`}
              >
                {t(step)}
              </button>
            ))}
            {mayClear && (
              <button
                type="button"
                className={btn(false)}
                {...only(
                  canvas.shapes.length > 0,
                  () => window.confirm(t("clearConfirm")) && clear.mutate({ meetingId }),
                )}
                data-testid="canvas-clear"
              >
                {t("clear")}
              </button>
            )}
          </div>
          <div className="mb-2 flex flex-wrap items-center gap-2" role="group" aria-label={t("colors")}>
            {COLOR_NAMES.map((c) => (
              <button
                key={c}
                type="button"
                {...only(enabled, () => setStyle((s) => ({ ...s, color: c })))}
                aria-label={t(`color.${c}`)}
                aria-pressed={style.color === c}
                title={t(`color.${c}`)}
                className={`h-7 w-7 rounded-full ring-2 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 ${style.color === c ? "ring-indigo-600 ring-offset-2" : "ring-slate-300"}`}
                style={{ background: PALETTE[c] }}
              />
            ))}
            <span className="ml-2 text-sm text-slate-600">{t("width")}</span>
            {WIDTHS.map((w) => (
              <button
                key={w}
                type="button"
                {...only(enabled, () => setStyle((s) => ({ ...s, width: w })))}
                aria-pressed={style.width === w}
                className={btn(style.width === w)}
              >
                {w}
              </button>
            ))}
          </div>
          {why && (
            <p
              className="mb-2 rounded-md bg-amber-50 px-3 py-1.5 text-sm text-amber-800"
              data-testid="canvas-denied"
            >
              {roleDenied
                ? why
                : t(canvas.policy === "HOLDER" ? "denied.holder" : "denied.holderOrFacilitator")}
            </p>
          )}
        </>
      )}
      {error && (
        <p role="alert" className="mb-2 rounded-md bg-rose-50 px-3 py-1.5 text-sm text-rose-800">
          {error}
        </p>
      )}
      <BoardStage
        shapes={canvas.shapes}
        strokes={strokes}
        cursors={cursors}
        tool={tool}
        enabled={enabled}
        selected={selected}
        onSelect={setSelected}
        onDown={onDown}
        onMove={onMove}
        onUp={onUp}
        onErase={(shapeId) => erase.mutate({ meetingId, shapeId })}
        onDragged={(shapeId, dx, dy) => (dx || dy) && move.mutate({ meetingId, shapeId, dx, dy })}
        editor={enabled ? editor : null}
        editorLabel={t(editor?.tool === "note" ? "editor.note" : "editor.text")}
        onEdited={onEdited}
      />
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-600" data-testid="canvas-count">
          {t("count", { shapes: canvas.shapes.length })}
        </p>
        <div className="flex gap-1" role="group" aria-label={t("download.label")}>
          {(["png", "svg"] as const).map((format) => (
            <button
              key={format}
              type="button"
              className={btn(false)}
              data-testid={`canvas-download-${format}`}
              onClick={() => {
                const file = `board-${meetingId}`;
                const shapes = canvas.shapes.map((x) => x.shape);
                if (format === "svg") downloadSvg(shapes, room.meeting.title, file);
                else
                  downloadPng(shapes, room.meeting.title, file).catch(() => setError(t("download.failed")));
              }}
            >
              {t(`download.${format}`)}
            </button>
          ))}
        </div>
      </div>
      {/* Said once when someone starts a stroke (the text does not change while they draw). */}
      <p className="mt-1 min-h-4 text-xs text-slate-600" aria-live="polite" data-testid="canvas-drawing">
        {live.drawers.length > 0 &&
          t("drawing", { names: live.drawers.map((id) => room.people[id] ?? "?").join(", ") })}
      </p>
    </section>
  );
}
