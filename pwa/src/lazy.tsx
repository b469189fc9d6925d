import { type ComponentType, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A component whose code loads on first render: keeps Dexie, uPlot and zod out of the first route's JavaScript
 * (see pwa/bench.ts). Loaded once, then rendered synchronously.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: () => preact.ComponentChild = () => null,
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function Lazy(props: P) {
    const [view, setView] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (view) return;
      void load().then((c) => {
        loaded = c;
        setView(() => c);
      });
    }, [view]);
    return view ? h(view, props) : fallback();
  };
}
