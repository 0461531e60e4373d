import { BOARD_HEIGHT, BOARD_WIDTH } from "@/core/room/ephemeral";
import type { Shape } from "@/core/board/shapes";
import { SVG_LINE_HEIGHT, marksOf, textLines } from "@/core/board/vector";

/**
 * A board drawn read-only as inline SVG, from the same vector marks as the SVG download and the
 * PDF: light (no canvas, no konva) for places that only show a board, such as the replay.
 */
export function BoardPicture({
  shapes,
  label,
  className,
  testId,
}: {
  shapes: readonly Shape[];
  label: string;
  className?: string;
  testId?: string;
}) {
  return (
    <svg
      viewBox={`0 0 ${BOARD_WIDTH} ${BOARD_HEIGHT}`}
      role="img"
      aria-label={label}
      className={className}
      data-testid={testId}
      data-shapes={shapes.length}
    >
      <rect width={BOARD_WIDTH} height={BOARD_HEIGHT} fill="#ffffff" />
      {shapes.flatMap((s) =>
        marksOf(s).map((m, i) =>
          m.kind === "path" ? (
            <path
              key={`${s.id}-${i}`}
              d={m.d}
              fill={m.fill ?? "none"}
              stroke={m.stroke ?? undefined}
              strokeWidth={m.stroke ? m.width : undefined}
              strokeLinecap="round"
              strokeLinejoin="round"
              opacity={m.opacity}
            />
          ) : (
            <text
              key={`${s.id}-${i}`}
              x={m.x}
              y={m.y}
              fontSize={m.size}
              fill={m.color}
              fontFamily="sans-serif"
              dominantBaseline="hanging"
            >
              {textLines(m).map((line, j) => (
                <tspan key={j} x={m.x} dy={j === 0 ? 0 : m.size * SVG_LINE_HEIGHT}>
                  {line}
                </tspan>
              ))}
            </text>
          ),
        ),
      )}
    </svg>
  );
}
