import { BOARD_HEIGHT, BOARD_WIDTH } from "@/core/room/ephemeral";
import type { Shape } from "@/core/board/shapes";
import { boardSvg } from "@/core/board/vector";

// The board as a file the person keeps: SVG from the vector marks (core/board/vector.ts), PNG by
// drawing that same SVG on a canvas, so both files show the board as the PDF does.

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the object URL; let the click be handled before revoking it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadSvg(shapes: readonly Shape[], title: string, fileName: string): void {
  save(new Blob([boardSvg(shapes, title)], { type: "image/svg+xml" }), `${fileName}.svg`);
}

export async function downloadPng(shapes: readonly Shape[], title: string, fileName: string): Promise<void> {
  const image = new Image();
  const url = URL.createObjectURL(new Blob([boardSvg(shapes, title)], { type: "image/svg+xml" }));
  try {
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = BOARD_WIDTH;
    canvas.height = BOARD_HEIGHT;
    canvas.getContext("2d")!.drawImage(image, 0, 0);
    const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, "image/png"));
    if (!blob) throw new Error("the browser could not encode the PNG");
    save(blob, `${fileName}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
