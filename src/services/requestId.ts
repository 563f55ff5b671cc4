// One id per filled form, so a double tap or a retry files one report (the server dedupes on it).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function newRequestId(random: () => number = Math.random): string {
  let out = `r${Date.now().toString(36)}-`;
  for (let i = 0; i < 16; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return out;
}
