import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A component whose code loads after the first paint (its own chunk): the screen shows what it can at once and
 * `placeholder` (which should keep the space, so nothing shifts) until the code arrives. One load per page.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  placeholder: (props: P) => ComponentChildren = () => null,
): (props: P) => ComponentChildren {
  let loading: Promise<ComponentType<P>> | null = null;
  return function Lazy(props: P) {
    const [Loaded, setLoaded] = useState<ComponentType<P> | null>(null);
    useEffect(() => {
      let live = true;
      loading ??= load();
      void loading.then((c) => live && setLoaded(() => c));
      return () => {
        live = false;
      };
    }, []);
    return Loaded ? <Loaded {...props} /> : placeholder(props);
  };
}
