// The birth year as a crew hears it: 「昭和16年（1941年）」, newest first, for the ones who know the
// era year and not the western one (or the other way round). Choosing one searches that year.
import { wareki } from '../../format';

// 「昭和64年・平成元年（1989年）」 for a year two eras share.
export function birthYearLabel(year: number): string {
  const start = wareki(`${year}-01-01`);
  const end = wareki(`${year}-12-31`);
  return `${start === end ? end : `${start}・${end}`}（${year}年）`;
}

export function BirthYearSelect({ value, onYear, thisYear }: { value: string; onYear: (year: string) => void; thisYear: number }) {
  const years = Array.from({ length: 116 }, (_, i) => thisYear - i);
  const chosen = /^\d{4}$/.test(value) ? value : '';
  return (
    <select id="ems-birth-year" aria-label="生まれた年（和暦・西暦）" value={chosen} onChange={(e) => onYear(e.currentTarget.value)}>
      <option value="">年を一覧から選ぶ</option>
      {years.map((y) => (
        <option key={y} value={String(y)}>
          {birthYearLabel(y)}
        </option>
      ))}
    </select>
  );
}
