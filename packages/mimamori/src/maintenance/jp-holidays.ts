// Japanese public holidays from a maintained dataset (@holiday-jp/holiday_jp, 1970–2050, generated from the Cabinet
// Office's list with substitute and citizens' holidays), never a hand-written list. Bundled into the dispatcher.
import holidayJp from '@holiday-jp/holiday_jp';

const holidays = holidayJp.holidays as unknown as Record<string, { name: string; name_en: string } | undefined>;

/** The holiday on a date 'YYYY-MM-DD', or undefined (also outside the dataset's years). */
export function japaneseHoliday(date: string): { name: string; nameEn: string } | undefined {
  const h = Object.hasOwn(holidays, date) ? holidays[date] : undefined;
  return h ? { name: h.name, nameEn: h.name_en } : undefined;
}

/** The dataset's version, for `validate`'s output and bug reports. */
export const JP_HOLIDAYS_VERSION: string = holidayJp.VERSION;
