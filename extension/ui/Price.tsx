import { formatMoney } from './format.ts';

export function Price({
  minor,
  currency,
  id,
  label,
}: {
  /** Stable test id part ('now', 'lowest', 'highest'): the label is translated. */
  id: string;
  minor: number | null;
  currency: string | null;
  label: string;
}) {
  return (
    <div class="price" data-testid={`price-${id}`}>
      <span class="price-label">{label}</span>
      <span class="price-value">{minor !== null && currency ? formatMoney(minor, currency) : '—'}</span>
    </div>
  );
}
