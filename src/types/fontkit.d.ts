// The little of fontkit (pdfkit's font engine, untyped) that the PDF minutes use.
declare module "fontkit" {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer | Uint8Array): Font;
}
