import { computed, type ReadonlySignal, signal } from '@preact/signals';
import {
  choose,
  emptySignals,
  type HomeSection,
  learn,
  type Preferences,
  parseSignals,
  preferences,
  recordOpen,
  recordSession,
  type UsageSignals,
} from '../agents/personalization.ts';

/** Where the signals live: `storage.local` in the extension (this device only), a stub in tests. */
export interface SignalStore {
  load: () => Promise<unknown>;
  save: (value: UsageSignals | null) => Promise<void>;
}

export interface PersonalizationModel {
  prefs: ReadonlySignal<Preferences>;
  why: ReadonlySignal<ReturnType<typeof learn>['why']>;
  chosen: ReadonlySignal<UsageSignals['chosen']>;
  load: () => Promise<void>;
  visited: (listSize: number) => void;
  opened: (section: HomeSection) => void;
  choose: (chosen: UsageSignals['chosen']) => void;
  reset: () => Promise<void>;
}

export function createPersonalizationModel(store: SignalStore, now: () => Date = () => new Date()) {
  const signals = signal<UsageSignals>(emptySignals());
  const update = (next: UsageSignals) => {
    signals.value = next;
    void store.save(next);
  };
  const model: PersonalizationModel = {
    prefs: computed(() => preferences(signals.value)),
    why: computed(() => learn(signals.value).why),
    chosen: computed(() => signals.value.chosen),
    async load() {
      signals.value = parseSignals(await store.load());
    },
    visited: (listSize) => update(recordSession(signals.value, now(), globalThis.innerWidth ?? 0, listSize)),
    opened: (section) => update(recordOpen(signals.value, section)),
    choose: (chosen) => update(choose(signals.value, chosen)),
    async reset() {
      signals.value = emptySignals();
      await store.save(null);
    },
  };
  return model;
}

/** The preferences as attributes on <html>, which the dashboard's CSS reads. */
export function applyPreferences(root: HTMLElement, prefs: Preferences): void {
  root.dataset.theme = prefs.theme;
  root.dataset.density = prefs.density;
  root.dataset.layout = prefs.layout;
}
