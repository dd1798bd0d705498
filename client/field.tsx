import { children, createEffect, createUniqueId, Show, type JSX } from 'solid-js';
import { t } from './i18n.js';

/**
 * A labelled form control: the label above its input, select or textarea, and an error text
 * under it when there is one. The control is the child, so each page keeps its own attributes;
 * the label names it by `for`/`id` (besides wrapping it, which some screen readers need) and
 * the error is tied to it with `aria-describedby`, so it is read out with the control.
 */
export function Field(props: { label: JSX.Element; error?: string | null; class?: string; children: JSX.Element }) {
  const fallbackId = createUniqueId();
  const errorId = `${fallbackId}-error`;
  const resolved = children(() => props.children);
  const control = () => resolved.toArray().find((n): n is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement => n instanceof HTMLInputElement || n instanceof HTMLSelectElement || n instanceof HTMLTextAreaElement);
  const id = () => {
    const c = control();
    if (c && !c.id) c.id = fallbackId;
    return c?.id;
  };
  createEffect(() => {
    const c = control();
    if (!c) return;
    if (props.error) c.setAttribute('aria-describedby', errorId);
    else c.removeAttribute('aria-describedby');
  });
  return (
    <label class={props.class ? `field ${props.class}` : 'field'} for={id()}>
      <span>{props.label}</span>
      {resolved()}
      <Show when={props.error}>
        <span class="field-error" id={errorId}>
          {props.error}
        </span>
      </Show>
    </label>
  );
}

/**
 * " van HUB-0-001" for screen readers only, after a label or legend that a page repeats once
 * per row (one editor per space, per person): each field and group then has a name of its own
 * when listed or jumped to, while the card already shows the row's name to the eye.
 */
export function Of(props: { name?: string | undefined }) {
  return (
    <Show when={props.name}>
      <span class="sr-only"> {t('manage.of', { name: props.name! })}</span>
    </Show>
  );
}
