/** Longest text of a value shown in a message before its middle is cut out. */
const MAX_SHOWN = 160;

/**
 * Cuts the middle out of a long text, saying how much was cut, so that an error message stays one
 * readable line whatever the user typed or the model produced (a 100 KB argument, a huge state).
 */
export function elide(text: string, max = MAX_SHOWN): string {
  if (text.length <= max) return text;
  const keep = Math.floor((max - 24) / 2);
  return `${text.slice(0, keep)}…(${text.length - 2 * keep} characters)…${text.slice(-keep)}`;
}
