/**
 * A product name from a share-sheet launch, when the sharing app sent one: `title`, or the words around the link in
 * `text` ("Smart LED Desk Lamp US $12.99 https://a.aliexpress.com/_mK…"). Only ever rendered as text.
 */
export function sharedTitle(params: { title?: string | null; text?: string | null }): string | null {
  const clean = (s: string) =>
    s
      .replace(/https?:\/\/\S+/gi, ' ')
      .replace(/^(check (this|it) out|look what i found|i found this)[^:!]*[:!]\s*/i, '')
      .replace(/\s+/g, ' ')
      .trim();
  for (const raw of [params.title, params.text]) {
    if (!raw) continue;
    const t = clean(raw);
    if (t.length >= 3 && !/^aliexpress$/i.test(t)) return t.length > 120 ? `${t.slice(0, 119)}…` : t;
  }
  return null;
}
