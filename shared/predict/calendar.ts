/**
 * AliExpress's recurring sale campaigns, as start days. Campaign dates move a few days from year to year and
 * AliExpress announces them late, so these are the usual start days, not promises.
 */
import { dayNumber } from './daily.ts';

export interface SaleEvent {
  name: string;
  day: number;
}

/** Black Friday: the day after the fourth Thursday of November. */
function blackFriday(year: number): string {
  const nov1 = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstThursday = 1 + ((4 - nov1 + 7) % 7);
  return `${year}-11-${String(firstThursday + 22).padStart(2, '0')}`;
}

export function saleEventsOfYear(year: number): SaleEvent[] {
  return [
    { name: 'Anniversary sale', day: dayNumber(`${year}-03-25`) },
    { name: '618 sale', day: dayNumber(`${year}-06-18`) },
    { name: 'Summer sale', day: dayNumber(`${year}-07-08`) },
    { name: '11.11', day: dayNumber(`${year}-11-11`) },
    { name: 'Black Friday', day: dayNumber(blackFriday(year)) },
    { name: '12.12', day: dayNumber(`${year}-12-12`) },
  ];
}

/** The next campaign starting on or after `day`. */
export function nextSaleEvent(day: number): SaleEvent {
  const year = new Date(day * 86_400_000).getUTCFullYear();
  const next = [...saleEventsOfYear(year), ...saleEventsOfYear(year + 1)].find((e) => e.day >= day);
  if (!next) throw new Error('the calendar always has an event next year');
  return next;
}

/** The latest campaign that started on or before `day`. */
export function lastSaleEvent(day: number): SaleEvent {
  const year = new Date(day * 86_400_000).getUTCFullYear();
  const past = [...saleEventsOfYear(year - 1), ...saleEventsOfYear(year)].filter((e) => e.day <= day);
  const last = past.at(-1);
  if (!last) throw new Error('the calendar always has an event last year');
  return last;
}
