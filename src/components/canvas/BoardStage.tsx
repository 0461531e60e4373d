"use client";
import { useEffect, useRef, useState } from "react";
import { Arrow, Ellipse, Group, Layer, Line, Rect, Stage, Text } from "react-konva";
import type Konva from "konva";
import { BOARD_HEIGHT, BOARD_WIDTH } from "@/core/room/ephemeral";
import type { BoardShape } from "@/core/board/board";
import { PALETTE, TEXT_MAX, type ColorName, type Point, type Shape } from "@/core/board/shapes";
import { LOOK } from "@/core/board/vector";
import type { Tool } from "./tools";

export interface Stroke {
  tool: Tool;
  color: keyof typeof PALETTE;
  width: number;
  points: Point[];
}

interface Props {
  shapes: readonly BoardShape[];
  /** Strokes in progress: one's own and other people's (ephemeral). */
  strokes: readonly Stroke[];
  /** Other people's pointers (the holder's), labelled. */
  cursors: readonly { name: string; at: Point }[];
  tool: Tool;
  enabled: boolean;
  selected: string | null;
  onSelect: (id: string | null) => void;
  onDown: (p: Point) => void;
  onMove: (p: Point) => void;
  onUp: () => void;
  onErase: (id: string) => void;
  onDragged: (id: string, dx: number, dy: number) => void;
  /** A text or note being typed where it will be placed; `onEdited` with null cancels it. */
  editor: { at: Point; tool: "text" | "note"; color: ColorName } | null;
  editorLabel: string;
  onEdited: (text: string | null) => void;
}

const flat = (points: readonly Point[]) => points.flat();

function ShapeNode({ s, selected }: { s: Shape; selected: boolean }) {
  const stroke = PALETTE[s.color];
  const glow = selected ? { shadowColor: "#6366f1", shadowBlur: 12, shadowOpacity: 1 } : {};
  switch (s.kind) {
    case "pen":
    case "highlighter":
      return (
        <Line
          points={flat(s.points)}
          stroke={stroke}
          strokeWidth={s.kind === "highlighter" ? s.width * LOOK.highlighter.widthFactor : s.width}
          opacity={s.kind === "highlighter" ? LOOK.highlighter.opacity : 1}
          tension={0.4}
          lineCap="round"
          lineJoin="round"
          hitStrokeWidth={20}
          {...glow}
        />
      );
    case "line":
      return (
        <Line
          points={[...s.from, ...s.to]}
          stroke={stroke}
          strokeWidth={s.width}
          hitStrokeWidth={20}
          {...glow}
        />
      );
    case "arrow":
      return (
        <Arrow
          points={[...s.from, ...s.to]}
          stroke={stroke}
          fill={stroke}
          strokeWidth={s.width}
          pointerLength={LOOK.arrowHead + s.width}
          pointerWidth={(LOOK.arrowHead + s.width) * 2 * Math.tan(Math.PI / 6)}
          hitStrokeWidth={20}
          {...glow}
        />
      );
    case "rect":
      return (
        <Rect
          x={Math.min(s.from[0], s.to[0])}
          y={Math.min(s.from[1], s.to[1])}
          width={Math.abs(s.to[0] - s.from[0])}
          height={Math.abs(s.to[1] - s.from[1])}
          stroke={stroke}
          strokeWidth={s.width}
          hitStrokeWidth={20}
          {...glow}
        />
      );
    case "ellipse":
      return (
        <Ellipse
          x={(s.from[0] + s.to[0]) / 2}
          y={(s.from[1] + s.to[1]) / 2}
          radiusX={Math.abs(s.to[0] - s.from[0]) / 2}
          radiusY={Math.abs(s.to[1] - s.from[1]) / 2}
          stroke={stroke}
          strokeWidth={s.width}
          hitStrokeWidth={20}
          {...glow}
        />
      );
    case "text":
      return <Text x={s.at[0]} y={s.at[1]} text={s.text} fontSize={LOOK.textSize} fill={stroke} {...glow} />;
    case "note":
      return (
        <Group x={s.at[0]} y={s.at[1]} {...glow}>
          <Rect
            width={LOOK.note.width}
            height={LOOK.note.height}
            fill={PALETTE.yellow}
            cornerRadius={LOOK.note.radius}
            shadowBlur={4}
            shadowOpacity={0.2}
          />
          <Text
            width={LOOK.note.width - 2 * LOOK.note.padding}
            x={LOOK.note.padding}
            y={LOOK.note.padding}
            text={s.text}
            fontSize={LOOK.note.textSize}
            fill={stroke === PALETTE.yellow ? PALETTE.black : stroke}
          />
        </Group>
      );
  }
}

/** The board drawn with konva, scaled from the logical board to the width it is given. */
export default function BoardStage(p: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);
  const scale = width / BOARD_WIDTH;
  const at = (e: Konva.KonvaEventObject<PointerEvent | MouseEvent | TouchEvent>): Point | null => {
    const pos = e.target.getStage()?.getPointerPosition();
    if (!pos) return null;
    const x = Math.round(pos.x / scale);
    const y = Math.round(pos.y / scale);
    return [Math.min(BOARD_WIDTH, Math.max(0, x)), Math.min(BOARD_HEIGHT, Math.max(0, y))];
  };
  const drawing = p.enabled && p.tool !== "select" && p.tool !== "eraser";
  return (
    <div
      ref={box}
      className="relative w-full touch-none overflow-hidden rounded-lg border border-slate-200 bg-white"
      data-testid="board"
      data-live-points={p.strokes.reduce((n, s) => n + s.points.length, 0)}
    >
      <Stage
        width={width}
        height={(width * BOARD_HEIGHT) / BOARD_WIDTH}
        scaleX={scale}
        scaleY={scale}
        onPointerDown={(e) => {
          const pt = at(e);
          if (drawing && pt) p.onDown(pt);
          if (p.tool === "select" && e.target === e.target.getStage()) p.onSelect(null);
        }}
        onPointerMove={(e) => {
          const pt = at(e);
          if (drawing && pt) p.onMove(pt);
        }}
        onPointerUp={() => drawing && p.onUp()}
      >
        <Layer>
          <Rect width={BOARD_WIDTH} height={BOARD_HEIGHT} fill="#ffffff" listening={false} />
          {p.shapes.map(({ shape }) => (
            <Group
              key={shape.id}
              draggable={p.enabled && p.tool === "select"}
              onPointerDown={() => {
                if (!p.enabled) return;
                if (p.tool === "eraser") p.onErase(shape.id);
                if (p.tool === "select") p.onSelect(shape.id);
              }}
              onDragEnd={(e) => {
                const { x, y } = e.target.position();
                e.target.position({ x: 0, y: 0 });
                p.onDragged(shape.id, Math.round(x), Math.round(y));
              }}
            >
              <ShapeNode s={shape} selected={p.selected === shape.id} />
            </Group>
          ))}
          {p.strokes.map((s, i) => (
            <Line
              key={i}
              points={flat(s.points)}
              stroke={PALETTE[s.color]}
              strokeWidth={s.tool === "highlighter" ? s.width * LOOK.highlighter.widthFactor : s.width}
              opacity={s.tool === "highlighter" ? LOOK.highlighter.opacity : 1}
              lineCap="round"
              lineJoin="round"
              listening={false}
            />
          ))}
          {p.cursors.map((c) => (
            <Group key={c.name} x={c.at[0]} y={c.at[1]} listening={false}>
              <Rect width={12} height={12} offsetX={6} offsetY={6} fill="#6366f1" cornerRadius={6} />
              <Text x={10} y={8} text={c.name} fontSize={22} fill="#4338ca" />
            </Group>
          ))}
        </Layer>
      </Stage>
      {p.editor && (
        <TextEditor
          key={`${p.editor.at[0]},${p.editor.at[1]}`}
          editor={p.editor}
          scale={scale}
          label={p.editorLabel}
          onEdited={p.onEdited}
        />
      )}
    </div>
  );
}

/**
 * Typing a text or a note in place, in its colour and size: Enter (or leaving the field) places it,
 * Shift+Enter starts a new line, Escape drops it. Until then the author edits it freely.
 */
function TextEditor({
  editor,
  scale,
  label,
  onEdited,
}: {
  editor: NonNullable<Props["editor"]>;
  scale: number;
  label: string;
  onEdited: (text: string | null) => void;
}) {
  const done = useRef(false);
  const finish = (text: string | null) => {
    if (done.current) return;
    done.current = true;
    onEdited(text);
  };
  const note = editor.tool === "note";
  const size = (note ? LOOK.note.textSize : LOOK.textSize) * scale;
  const pad = note ? LOOK.note.padding * scale : 0;
  return (
    <textarea
      autoFocus
      aria-label={label}
      maxLength={TEXT_MAX}
      data-testid="board-text-editor"
      className="absolute resize-none rounded border border-indigo-400 bg-white/90 p-0 leading-tight outline-none focus:ring-2 focus:ring-indigo-500"
      style={{
        left: editor.at[0] * scale,
        top: editor.at[1] * scale,
        width: (note ? LOOK.note.width : 360) * scale,
        height: (note ? LOOK.note.height : 2 * LOOK.textSize) * scale,
        fontSize: size,
        padding: pad,
        color: note && editor.color === "yellow" ? PALETTE.black : PALETTE[editor.color],
        background: note ? PALETTE.yellow : undefined,
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") finish(null);
        if (e.key === "Enter" && !e.shiftKey) {
          e.preventDefault();
          finish(e.currentTarget.value);
        }
      }}
      onBlur={(e) => finish(e.currentTarget.value)}
    />
  );
}
