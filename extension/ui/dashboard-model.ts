import { computed, type ReadonlySignal, signal } from '@preact/signals';
import { gotCheaper, rankByInterest } from '../../shared/interest.ts';
import type { SeenProduct } from '../agents/dashboard.ts';
import type { Ask } from './popup-model.ts';

export const SECTIONS = ['home', 'watchlist', 'deals', 'orders', 'history', 'settings', 'privacy'] as const;
export type Section = (typeof SECTIONS)[number];

export interface DashboardModel {
  section: ReadonlySignal<Section>;
  products: ReadonlySignal<SeenProduct[] | null>;
  forYou: ReadonlySignal<SeenProduct[]>;
  cheaper: ReadonlySignal<SeenProduct[]>;
  error: ReadonlySignal<string | null>;
  show: (section: Section) => void;
  load: () => Promise<void>;
}

export function sectionOf(hash: string): Section {
  const name = hash.replace(/^#/, '');
  return (SECTIONS as readonly string[]).includes(name) ? (name as Section) : 'home';
}

/** The dashboard's state: which section is open (mirrored in the URL hash) and every product seen. */
export function createDashboardModel(ask: Ask, now: () => number = Date.now): DashboardModel {
  const section = signal<Section>('home');
  const products = signal<SeenProduct[] | null>(null);
  const error = signal<string | null>(null);
  return {
    section,
    products,
    forYou: computed(() => rankByInterest(products.value ?? [], now()).slice(0, 12)),
    cheaper: computed(() => gotCheaper(products.value ?? []).slice(0, 12)),
    error,
    show(next) {
      section.value = next;
    },
    async load() {
      try {
        products.value = await ask('products:seen', {});
        error.value = null;
      } catch (e) {
        error.value = e instanceof Error ? e.message : String(e);
      }
    },
  };
}
