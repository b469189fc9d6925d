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

/** A store's sale events of one calendar year, in date order (empty: none known). */
export type SaleCalendar = (year: number) => SaleEvent[];

export const ALIEXPRESS_CALENDAR: SaleCalendar = saleEventsOfYear;

/**
 * Steam's store-wide seasonal sales, as Valve announced them ahead of time (used only to train and evaluate
 * on the Steam histories, whose prices follow Steam's calendar, not AliExpress's).
 */
const STEAM_SALES: SaleEvent[] = [
  { name: 'Steam Spring Sale', day: dayNumber('2025-03-13') },
  { name: 'Steam Summer Sale', day: dayNumber('2025-06-26') },
  { name: 'Steam Autumn Sale', day: dayNumber('2025-09-29') },
  { name: 'Steam Winter Sale', day: dayNumber('2025-12-18') },
];
export const STEAM_CALENDAR: SaleCalendar = (year) =>
  STEAM_SALES.filter((e) => new Date(e.day * 86_400_000).getUTCFullYear() === year);

/** No known sale calendar (the groceries). */
export const NO_CALENDAR: SaleCalendar = () => [];

const yearOf = (day: number) => new Date(day * 86_400_000).getUTCFullYear();

/** The next event starting on or after `day` (looking one year ahead), if the calendar knows one. */
export function nextSaleEvent(day: number, calendar = ALIEXPRESS_CALENDAR): SaleEvent | undefined {
  return [...calendar(yearOf(day)), ...calendar(yearOf(day) + 1)].find((e) => e.day >= day);
}

/** The latest event that started on or before `day` (looking one year back), if the calendar knows one. */
export function lastSaleEvent(day: number, calendar = ALIEXPRESS_CALENDAR): SaleEvent | undefined {
  return [...calendar(yearOf(day) - 1), ...calendar(yearOf(day))].filter((e) => e.day <= day).at(-1);
}
