import { useEffect, useState } from 'preact/hooks';
import type { CommunityView } from '../agents/community.ts';
import type { Ask } from './popup-model.ts';

/**
 * The product's community history (merged with the shopper's own, with verdicts), or undefined while loading.
 * A failed request is treated as "unavailable": the popup keeps everything local and never shows an error wall.
 */
export function useCommunity(
  productId: string | null,
  ask: Ask | undefined,
): CommunityView | null | undefined {
  const [view, setView] = useState<CommunityView | null | undefined>(undefined);
  useEffect(() => {
    setView(undefined);
    if (!productId || !ask) return;
    let live = true;
    ask('community:product', { productId })
      .then((v) => live && setView(v))
      .catch(() => live && setView(null));
    return () => {
      live = false;
    };
  }, [productId]);
  return view;
}
