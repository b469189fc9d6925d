import { formatMoney } from './format.ts';

export function Price({
  minor,
  currency,
  label,
}: {
  minor: number | null;
  currency: string | null;
  label: string;
}) {
  return (
    <div class="price" data-testid={`price-${label.toLowerCase()}`}>
      <span class="price-label">{label}</span>
      <span class="price-value">{minor !== null && currency ? formatMoney(minor, currency) : '—'}</span>
    </div>
  );
}
