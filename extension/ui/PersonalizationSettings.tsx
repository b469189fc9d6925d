import type { Density, Layout, Theme } from '../agents/personalization.ts';
import { type MessageKey, t } from './i18n.ts';
import type { PersonalizationModel } from './personalization-model.ts';

/** What the dashboard learned on this device, the shopper's own choices, and Reset. */
export function PersonalizationSettings({ model }: { model: PersonalizationModel }) {
  const prefs = model.prefs.value;
  const why = model.why.value;
  const chosen = model.chosen.value;
  const learned = Object.values(why).map((w) => t(`personal.why.${w}` as MessageKey));
  return (
    <section aria-labelledby="personal-title" data-testid="personalization">
      <h2 id="personal-title">{t('personal.title')}</h2>
      <p class="muted">{t('personal.intro')}</p>
      <div class="filters">
        <Choice
          label={t('personal.theme')}
          testId="pref-theme"
          value={chosen.theme ?? ''}
          learned={prefs.theme}
          options={['system', 'light', 'dark'] satisfies Theme[]}
          onChange={(v) => model.choose({ theme: (v || undefined) as Theme | undefined })}
        />
        <Choice
          label={t('personal.density')}
          testId="pref-density"
          value={chosen.density ?? ''}
          learned={prefs.density}
          options={['comfortable', 'compact'] satisfies Density[]}
          onChange={(v) => model.choose({ density: (v || undefined) as Density | undefined })}
        />
        <Choice
          label={t('personal.layout')}
          testId="pref-layout"
          value={chosen.layout ?? ''}
          learned={prefs.layout}
          options={['list', 'grid'] satisfies Layout[]}
          onChange={(v) => model.choose({ layout: (v || undefined) as Layout | undefined })}
        />
      </div>
      <p data-testid="personal-learned">
        {learned.length ? t('personal.learned', { what: learned.join('; ') }) : t('personal.nothingLearned')}
      </p>
      <button type="button" data-testid="personal-reset" onClick={() => void model.reset()}>
        {t('personal.reset')}
      </button>
    </section>
  );
}

function Choice({
  label,
  testId,
  value,
  learned,
  options,
  onChange,
}: {
  label: string;
  testId: string;
  value: string;
  learned: string;
  options: string[];
  onChange: (value: string) => void;
}) {
  return (
    <label class="field">
      <span>{label}</span>
      <select
        value={value}
        data-testid={testId}
        onChange={(e) => onChange((e.target as HTMLSelectElement).value)}
      >
        <option value="">
          {t('personal.auto', { value: t(`personal.value.${learned}` as MessageKey) })}
        </option>
        {options.map((o) => (
          <option key={o} value={o}>
            {t(`personal.value.${o}` as MessageKey)}
          </option>
        ))}
      </select>
    </label>
  );
}
