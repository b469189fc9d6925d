/** A feature's value in the shopper's words ("price is 12% above its 30-day median"). */

import { lastSaleEvent, nextSaleEvent } from './calendar.ts';
import { isoDay } from './daily.ts';
import type { FeatureName } from './features.ts';

const percent = (v: number) => `${Math.round(Math.abs(v) * 100)}%`;
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function versus(v: number, what: string): string {
  if (Math.abs(v) < 0.005) return `price is at its ${what}`;
  return `price is ${percent(v)} ${v > 0 ? 'above' : 'below'} its ${what}`;
}

/** `day` is the UTC day number of the prediction (for the calendar features). */
export function describeFeature(name: FeatureName, value: number, day: number): string {
  switch (name) {
    case 'vsMedian7':
      return versus(value, '7-day median');
    case 'vsMedian30':
      return versus(value, '30-day median');
    case 'vsMedian90':
      return versus(value, '90-day median');
    case 'vsMin7':
      return versus(value, '7-day low');
    case 'vsMin30':
      return versus(value, '30-day low');
    case 'vsMin90':
      return versus(value, '90-day low');
    case 'vsMax7':
      return versus(value, '7-day high');
    case 'vsMax30':
      return versus(value, '30-day high');
    case 'vsMax90':
      return versus(value, '90-day high');
    case 'daysSinceChange':
      if (value === 0) return 'price changed today';
      return value >= 30 ? 'price unchanged for 30+ days' : `price unchanged for ${value} days`;
    case 'daysSinceLow':
      return value === 0 ? 'price is at its lowest in 90 days' : `last at its 90-day low ${value} days ago`;
    case 'drops90':
      return value === 0
        ? 'no drops in the last 90 days'
        : `dropped ${value} time${value === 1 ? '' : 's'} in the last 90 days`;
    case 'meanDropDepth90':
      return value === 0 ? 'no past drops to learn from' : `past drops averaged ${percent(value)}`;
    case 'volatility30':
      return value === 0
        ? 'price steady over the last 30 days'
        : `price moved about ${percent(value)} per change day`;
    case 'lastChangeDirection':
      return value > 0
        ? 'last change was a rise'
        : value < 0
          ? 'last change was a drop'
          : 'no change seen yet';
    case 'dayOfWeekSin':
    case 'dayOfWeekCos':
      return `it is ${DAY_NAMES[(((day + 4) % 7) + 7) % 7]}`;
    case 'daysToSaleEvent': {
      const next = nextSaleEvent(day);
      if (!next) return 'no sale event known ahead';
      return value === 0 ? `${next.name} starts today` : `${next.name} starts around ${isoDay(next.day)}`;
    }
    case 'daysSinceSaleEvent': {
      const last = lastSaleEvent(day);
      if (!last) return 'no recent sale event known';
      return `${last.name} began ${value >= 60 ? '60+' : value} days ago`;
    }
  }
}
