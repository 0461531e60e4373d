// The PDF uses the standard Helvetica fonts (nothing to ship or load), which encode WinAnsi
// (Windows-1252) only: Latin-1 plus a few typographic marks. Anything else would print as garbage,
// so it is replaced by "?", and Intl's narrow spaces (French number formats) by plain spaces.

const EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

export function winAnsi(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const code = ch.codePointAt(0)!;
    if (code === 0x202f || code === 0x2009 || code === 0x2007) out += " ";
    else if (code === 0x2212) out += "-";
    else if (
      code === 0x0a ||
      (code >= 0x20 && code <= 0x7e) ||
      (code >= 0xa0 && code <= 0xff) ||
      EXTRA.has(ch)
    )
      out += ch;
    else out += "?";
  }
  return out;
}
