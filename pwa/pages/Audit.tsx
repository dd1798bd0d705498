import { createResource, createSignal, For, Show } from 'solid-js';
import { dayOf, t, te, timeOf } from '../../client/i18n.js';
import { Field } from '../../client/field.js';
import { api } from '../state.js';
import { ManageNav, NoticeBox } from '../ui.js';
import { ReportTable } from '../report-table.js';

interface Filter {
  actor: string;
  action: string;
  from: string;
  to: string;
  page: number;
}

/**
 * Admin: the audit log, newest first, filtered by who, what and when, 50 a page; above it the
 * server's check of the hash chain over the whole log, in words (not only a colour).
 */
export default function Audit() {
  const [filter, setFilter] = createSignal<Filter>({ actor: '', action: '', from: '', to: '', page: 1 });
  const [log] = createResource(filter, async (f) => {
    const res = await api.adminAudit({ actor: f.actor || undefined, action: f.action || undefined, from: f.from || undefined, to: f.to || undefined, page: f.page });
    return res;
  });
  const data = () => {
    const r = log();
    return r?.ok ? r.data : null;
  };
  const pages = () => Math.max(1, Math.ceil((data()?.total ?? 0) / (data()?.pageSize ?? 50)));
  const apply = (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    setFilter({ actor: String(f.get('actor') ?? '').trim(), action: String(f.get('action') ?? ''), from: String(f.get('from') ?? ''), to: String(f.get('to') ?? ''), page: 1 });
  };
  const go = (page: number) => setFilter({ ...filter(), page });
  const details = (d: Record<string, unknown> | null) => (d ? Object.entries(d).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ') : '');

  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <ManageNav />
      <Show when={data()}>
        {(d) => (
          <p class={`notice ${d().chain.intact ? 'notice-ok' : 'notice-error'}`} data-testid="audit-chain" role="status">
            <span aria-hidden="true">{d().chain.intact ? '✓ ' : '! '}</span>
            {d().chain.intact ? t('audit.intact') : t('audit.broken', { id: d().chain.brokenAt ?? 0 })}
          </p>
        )}
      </Show>
      <form class="filter-row" onSubmit={apply}>
        <Field label={t('audit.actor')}>
          <input name="actor" autocomplete="off" maxlength="254" value={filter().actor} />
        </Field>
        <Field label={t('audit.action')}>
          <select name="action" value={filter().action}>
            <option value="">{t('audit.anyAction')}</option>
            <For each={[...new Set((data()?.actions ?? []).map((a) => `${a.split('.')[0]}.`))]}>{(family) => <option value={family}>{`${family}*`}</option>}</For>
            <For each={data()?.actions ?? []}>{(a) => <option value={a}>{a}</option>}</For>
          </select>
        </Field>
        <Field label={t('audit.from')}>
          <input name="from" type="date" value={filter().from} />
        </Field>
        <Field label={t('audit.to')}>
          <input name="to" type="date" value={filter().to} />
        </Field>
        <button type="submit" class="button primary">
          {t('audit.filter')}
        </button>
      </form>
      <Show when={log() && !log()!.ok}>
        <NoticeBox notice={{ tone: 'error', text: log() && !log()!.ok ? te((log() as { code: string }).code) : '' }} />
      </Show>
      <p class="muted" aria-live="polite">
        {t('audit.count', { n: data()?.total ?? 0 })}
        {pages() > 1 ? ` · ${t('users.pageOf', { page: filter().page, pages: pages() })}` : ''}
      </p>
      <Show when={(data()?.entries.length ?? 0) > 0} fallback={<p>{t('audit.none')}</p>}>
        <ReportTable
          testId="audit"
          class="audit"
          region={{ label: t('audit.title'), tabbable: 'always' }}
          rows={data()?.entries ?? []}
          columns={[
            { header: t('audit.when'), cell: (e) => `${dayOf(e.at)} ${timeOf(e.at)}` },
            { header: t('audit.who'), cell: (e) => (e.actorName ? `${e.actorName} (${e.actor})` : (e.actor ?? '')) },
            {
              header: t('audit.what'),
              cell: (e) => (
                <>
                  <code>{e.action}</code>
                  <Show when={e.details}>
                    <br />
                    <span class="muted small">{details(e.details)}</span>
                  </Show>
                </>
              ),
            },
            { header: t('audit.object'), cell: (e) => e.object ?? '' },
            { header: t('audit.result'), cell: (e) => e.result },
            { header: t('audit.origin'), cell: (e) => e.origin ?? '' },
          ]}
        />
      </Show>
      <div class="actions">
        <button type="button" class="button" disabled={filter().page <= 1} onClick={() => go(filter().page - 1)}>
          {t('users.previous')}
        </button>
        <button type="button" class="button" disabled={filter().page >= pages()} onClick={() => go(filter().page + 1)}>
          {t('users.next')}
        </button>
      </div>
    </section>
  );
}
